export { startGateway, MAX_REQUEST_BYTES, type Gateway, type GatewayRoute } from "./server";
export { createJwtAuthorizer, flattenClaims, Unauthorized } from "./authorizer";
export { buildEvent, newRequestId, type JwtAuthorizerContext, type GatewayEvent } from "./event";
export { LambdaAuthorizer, type LambdaAuthorizerConfig } from "./lambda-authorizer";
export { toHttpResponse } from "./result";
export { Router } from "./router";
export { type CorsConfig } from "./cors";
