import type { Context } from "aws-lambda";
import { routes, type ManifestRouteKey } from "../manifest";
import { logger } from "./logger";
import { problem } from "./problem";
import { Request, type ApiEvent } from "./request";
import type { Response } from "./response";

/**
 * Wraps a route's logic into a Lambda handler. Who may call the route comes from the manifest
 * entry for `key`, so the deployed authorizer, the local gateway and the handler agree on it.
 */
export function route(key: ManifestRouteKey, handle: (request: Request) => Promise<Response>) {
  const { auth } = routes[key];
  const handler = async (event: ApiEvent, context: Context): Promise<Response> => {
    const requestId = event.requestContext.requestId;
    logger.addContext(context);
    logger.appendKeys({ requestId, route: key });
    let response: Response;
    try {
      response = await handle(new Request(event, auth));
    } catch (error) {
      response = problem(error, requestId);
      if (response.statusCode >= 500) logger.error("request failed", error as Error);
    }
    logger.info("request completed", { status: response.statusCode });
    logger.removeKeys(["requestId", "route"]);
    return { ...response, headers: { ...response.headers, "x-request-id": requestId } };
  };
  // Lets a test check that each manifest entry points at the handler written for that route.
  return Object.assign(handler, { routeKey: key });
}
