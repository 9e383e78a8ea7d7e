import type { Context } from "aws-lambda";
import { tableUnavailability } from "@emporium/core/table";
import type { Keyed } from "../manifest";
import type { IdempotencyRunner } from "./idempotency";
import { parseInput, type RouteInput } from "./input";
import { logger } from "./logger";
import { problem } from "./problem";
import { spend } from "./rate-limit";
import { ApiRequest, type ApiEvent } from "./request";
import type { ApiResponse } from "./response";
import { PRIVATE_CACHE } from "./versioning";

export type RouteHandler<C extends Keyed> = (input: RouteInput<C>) => Promise<ApiResponse>;

/** A contract `route()` takes: one that does not honour Idempotency-Key (those take `idempotentRoute()`). */
export type PlainContract<C extends Keyed> = C extends { idempotency: true } ? { "honours Idempotency-Key: write it with": "idempotentRoute() from http/idempotency" } : C;

/**
 * Wraps a route's logic into a Lambda handler, by the route's contract: identifies the caller as
 * the contract says (so the deployed authorizers, the local gateway and the handler agree),
 * spends one request of the caller's limits, parses the path, query and body with the
 * contract's schemas, runs the logic, and maps any failure to a problem. A table that cannot
 * serve right now (down, unreachable, throttling) is the one fault a client can act on: it
 * becomes a 503 with Retry-After here, for every route, instead of a 500.
 *
 * Routes that honour Idempotency-Key are written with `idempotentRoute()` (./idempotency.ts),
 * which is this with Powertools idempotency around the logic: only their bundles carry it.
 */
export function route<C extends Keyed>(contract: C & PlainContract<C>, handle: RouteHandler<C>) {
  if (contract.idempotency) throw new Error(`${contract.key} honours Idempotency-Key; write its handler with idempotentRoute()`);
  return lambdaHandler(contract, handle);
}

/** The Lambda handler of a contract, with the idempotency runner of a route that honours Idempotency-Key. */
export function lambdaHandler<C extends Keyed>(contract: C, handle: RouteHandler<C>, idempotency?: IdempotencyRunner) {
  const { key } = contract;
  // A GET answer is cacheable unless it says otherwise (RFC 9111), and a shared cache may keep
  // one that says nothing: whatever a handler does not mark public stays in the caller's cache.
  const caching: Record<string, string> = key.startsWith("GET ") ? { "cache-control": PRIVATE_CACHE } : {};
  const handler = async (event: ApiEvent, context: Context): Promise<ApiResponse> => {
    const requestId = event.requestContext.requestId;
    logger.addContext(context);
    // A caller's own correlation id ties our lines to theirs; otherwise the request id does.
    const correlationId = event.headers?.["x-correlation-id"]?.slice(0, 128) ?? requestId;
    logger.appendKeys({ requestId, correlationId, route: key });
    let response: ApiResponse;
    // Its RateLimit headers: the caller's limits, or the route's own (the account flows') when tighter.
    let request: ApiRequest | undefined;
    try {
      const current = (request = new ApiRequest(event, contract));
      await spend(current);
      // Parsed inside the idempotency runner: a request it refuses (a malformed key, one in
      // progress, a key reused for another request) is refused before its input is judged.
      const run = () => handle(parseInput(contract, current));
      response = idempotency ? await idempotency(current, context, run) : await run();
    } catch (error) {
      response = problem(tableUnavailability(error) ?? error, requestId);
      if (response.statusCode >= 500) logger.error("request failed", error as Error);
    }
    logger.info("request completed", { status: response.statusCode });
    logger.removeKeys(["requestId", "correlationId", "route"]);
    return { ...response, headers: { ...request?.rateLimit, ...caching, ...response.headers, "x-request-id": requestId } };
  };
  // Lets a test check that each manifest entry points at the handler written for that route.
  return Object.assign(handler, { routeKey: key });
}
