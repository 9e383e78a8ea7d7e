import type { Context } from "aws-lambda";
import { tableUnavailability } from "@emporium/core/table";
import { routes, type ManifestRouteKey, type RouteSpec } from "../manifest";
import type { IdempotencyRunner } from "./idempotency";
import { logger } from "./logger";
import { problem } from "./problem";
import { spend } from "./rate-limit";
import { Request, type ApiEvent } from "./request";
import type { Response } from "./response";
import { PRIVATE_CACHE } from "./versioning";

/**
 * Wraps a route's logic into a Lambda handler: identifies the caller as the manifest entry for
 * `key` says (so the deployed authorizers, the local gateway and the handler agree), spends
 * one request of the caller's limits, runs the logic, and maps any failure to a problem. A table
 * that cannot serve right now (down, unreachable, throttling) is the one fault a client can act
 * on: it becomes a 503 with Retry-After here, for every route, instead of a 500.
 */
export function route(key: ManifestRouteKey, handle: (request: Request) => Promise<Response>, options: { idempotency?: IdempotencyRunner } = {}) {
  const spec: RouteSpec = routes[key];
  // A GET answer is cacheable unless it says otherwise (RFC 9111), and a shared cache may keep
  // one that says nothing: whatever a handler does not mark public stays in the caller's cache.
  const caching: Record<string, string> = key.startsWith("GET ") ? { "cache-control": PRIVATE_CACHE } : {};
  // The manifest says which routes honour Idempotency-Key; a handler that forgets fails at start.
  if (spec.idempotency && !options.idempotency) throw new Error(`${key} is idempotent in the manifest; pass { idempotency: idempotent } to route()`);
  const handler = async (event: ApiEvent, context: Context): Promise<Response> => {
    const requestId = event.requestContext.requestId;
    logger.addContext(context);
    // A caller's own correlation id ties our lines to theirs; otherwise the request id does.
    const correlationId = event.headers?.["x-correlation-id"]?.slice(0, 128) ?? requestId;
    logger.appendKeys({ requestId, correlationId, route: key });
    let response: Response;
    // Its RateLimit headers: the caller's limits, or the route's own (the account flows') when tighter.
    let request: Request | undefined;
    try {
      const current = (request = new Request(event, spec));
      await spend(current);
      response = options.idempotency ? await options.idempotency(current, context, () => handle(current)) : await handle(current);
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
