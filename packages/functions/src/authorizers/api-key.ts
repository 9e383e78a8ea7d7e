import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from "aws-lambda";
import * as ApiKeys from "@emporium/core/api-keys";
import type { ApiKeyContext } from "../http/caller";
import { logger } from "../http";

/**
 * The Lambda authorizer of `apiKey` routes (payload 2.0, simple responses): a live key's
 * scopes and limits go to the route in `context`. API Gateway caches the answer per key; the
 * route re-checks revocation and limits on every request.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<ApiKeyContext | Record<string, never>>> {
  const secret = event.identitySource?.[0] ?? "";
  const client = await ApiKeys.authenticate(secret);
  if (!client) {
    logger.info("api key refused", { routeKey: event.routeKey });
    return { isAuthorized: false, context: {} };
  }
  return {
    isAuthorized: true,
    context: { keyId: client.keyId, scopes: client.scopes.join(" "), ...client.limits },
  };
}
