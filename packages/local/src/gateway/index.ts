export { startGateway, MAX_REQUEST_BYTES, type Gateway, type GatewayRoute } from "./server";
export { createJwtAuthorizer, flattenClaims, Unauthorized } from "./authorizer";
export { buildEvent, newRequestId, type JwtAuthorizerContext } from "./event";
export { toHttpResponse } from "./result";
export { Router } from "./router";
