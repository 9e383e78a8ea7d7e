import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Context } from "aws-lambda";
import { ValidationError } from "@emporium/core/errors";
import { Resource } from "sst";
import type { Request } from "./request";
import type { Response } from "./response";

/**
 * `Idempotency-Key` for non-idempotent writes, with Powertools idempotency on its own table:
 * the first request with a key runs and its response is kept for a day; the same key with the
 * same body replays that response (status and body); the same key with another body is a 422;
 * a second request while the first is still running is a 409. Keys are scoped to the caller
 * and the route, so no one can replay someone else's response. Failures are not kept: a request
 * that failed can be retried with its key.
 */
export type IdempotencyRunner = (request: Request, context: Context, handle: () => Promise<Response>) => Promise<Response>;

const config = new IdempotencyConfig({ eventKeyJmesPath: "key", payloadValidationJmesPath: "body", expiresAfterSeconds: 24 * 3600 });
let store: DynamoDBPersistenceLayer | undefined;

const KEY = /^[\x21-\x7e]{1,255}$/;

export const idempotent: IdempotencyRunner = async (request, context, handle) => {
  const key = request.header("idempotency-key");
  if (key === undefined) return handle();
  if (!KEY.test(key)) throw new ValidationError([{ path: "Idempotency-Key", message: "must be 1–255 visible ASCII characters" }]);
  store ??= new DynamoDBPersistenceLayer({ tableName: Resource.Idempotency.name });
  const run = makeIdempotent(async (_payload: { key: string; body: string }, _context: Context) => handle(), { persistenceStore: store, config });
  return run({ key: `${request.caller.limiter}#${request.event.routeKey}#${key}`, body: request.event.body ?? "" }, context);
};
