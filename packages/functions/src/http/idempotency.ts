import { createHash } from "node:crypto";
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Context } from "aws-lambda";
import { IdempotencyKeyReusedError, RequestInProgressError, ValidationError } from "@emporium/core/errors";
import { dynamodbClient } from "@emporium/core/table";
import { Resource } from "sst";
import type { Keyed } from "../manifest";
import type { ApiRequest } from "./request";
import type { ApiResponse } from "./response";
import { lambdaHandler, type RouteHandler } from "./route";

/**
 * `Idempotency-Key` for non-idempotent writes, with Powertools idempotency on its own table:
 * the first request with a key runs and its response is kept for a day; the same request again
 * replays that response (status and body); a second request while the first is still running
 * is a 409. Failures are not kept: a request that failed can be retried with its key.
 *
 * A key is bound to the request it was first sent with. The record's id is the caller and the
 * key (one namespace for every route, `KEY_PREFIX`, not one per function), and the record keeps
 * a hash of the request itself: method, concrete path (path parameters included) and a SHA-256
 * of the body. The same key from the same caller with any other method, path or body is refused
 * with 422 instead of replaying a response that belongs to another request; another caller's
 * key is theirs, so no one can replay someone else's response. Powertools' own errors for these
 * two outcomes become the domain's, so the one error mapper answers them.
 */
export type IdempotencyRunner = (request: ApiRequest, context: Context, handle: () => Promise<ApiResponse>) => Promise<ApiResponse>;

interface IdempotentRequest {
  key: string;
  request: { method: string; path: string; bodySha256: string };
}

const config = new IdempotencyConfig({ eventKeyJmesPath: "key", payloadValidationJmesPath: "request", expiresAfterSeconds: 24 * 3600 });
const KEY_PREFIX = "api";
let store: DynamoDBPersistenceLayer | undefined;

const KEY = /^[\x21-\x7e]{1,255}$/;

export const idempotent: IdempotencyRunner = async (request, context, handle) => {
  const key = request.header("idempotency-key");
  if (key === undefined) return handle();
  if (!KEY.test(key)) throw new ValidationError([{ path: "Idempotency-Key", message: "must be 1–255 visible ASCII characters" }]);
  // The table domain's client: one connection pool per environment, metered like every other call.
  store ??= new DynamoDBPersistenceLayer({ tableName: Resource.Idempotency.name, awsSdkV3Client: dynamodbClient() });
  const run = makeIdempotent(async (_payload: IdempotentRequest, _context: Context) => handle(), { persistenceStore: store, config, keyPrefix: KEY_PREFIX });
  const { event } = request;
  const bodySha256 = createHash("sha256").update(event.body ?? "").digest("hex");
  try {
    return await run({ key: `${request.caller.subject}#${key}`, request: { method: event.requestContext.http.method, path: event.rawPath, bodySha256 } }, context);
  } catch (error) {
    if (error instanceof IdempotencyValidationError) {
      throw new IdempotencyKeyReusedError(
        "This Idempotency-Key was already used for a different request (another method, path or body); use a new key for a new request.",
      );
    }
    if (error instanceof IdempotencyAlreadyInProgressError) {
      throw new RequestInProgressError("A request with this Idempotency-Key is still being processed; retry shortly.");
    }
    throw error;
  }
};

/**
 * `route()` for a contract that honours Idempotency-Key (`idempotency: true`), with `idempotent`
 * around its logic. A separate entry point so that only these routes bundle Powertools
 * idempotency; `route()` refuses such a contract (in its type, and at start), and this refuses any other.
 */
export function idempotentRoute<C extends Keyed & { idempotency: true }>(contract: C, handle: RouteHandler<C>) {
  if (!contract.idempotency) throw new Error(`${contract.key} does not honour Idempotency-Key; write its handler with route()`);
  return lambdaHandler(contract, handle, idempotent);
}
