import { apiKeyAuthorizer, authorizerOf, cors, corsOrigins, routeEntries, type Authorizer } from "../packages/functions/src/manifest";
import { client, userPool } from "./auth";
import { linkables } from "./links";
import { releasedHandler } from "./canary";
import { apiDomain } from "./config";
import { functionArgs } from "./functions";

const region = aws.getRegionOutput().region;

/**
 * Stage-wide throttling, the API's last line of defence; each caller's own limits (token
 * bucket and daily quota per user or key) are enforced by the functions.
 */
const stageThrottling = { throttlingBurstLimit: 2000, throttlingRateLimit: 1000 };
/**
 * Detailed metrics: requests, 4xx, 5xx and latency per route, in AWS/ApiGateway with the
 * dimensions ApiId, Stage, Resource (the route's path, e.g. `/orders/{id}`) and Method. Without
 * them HTTP APIs report only by ApiId and by ApiId and Stage.
 */
const routeMetrics = { detailedMetricsEnabled: true };

export const api = new sst.aws.ApiGatewayV2("Api", {
  ...(apiDomain ? { domain: apiDomain } : {}),
  cors: {
    allowOrigins: [...corsOrigins($app.stage)],
    allowMethods: [...cors.allowMethods],
    allowHeaders: [...cors.allowHeaders],
    exposeHeaders: [...cors.exposeHeaders],
    maxAge: `${cors.maxAgeSeconds} seconds`,
    allowCredentials: false,
  },
  transform: {
    stage: (args) => {
      args.defaultRouteSettings = { ...args.defaultRouteSettings, ...stageThrottling, ...routeMetrics };
      return undefined;
    },
  },
});

export const jwtAuthorizer = api.addAuthorizer({
  name: "cognito",
  jwt: {
    issuer: $interpolate`https://cognito-idp.${region}.amazonaws.com/${userPool.id}`,
    audiences: [client.id],
  },
});

const keyAuthorizerHandler = releasedHandler("ApiAuthorizerApiKeyHandler", apiKeyAuthorizer.name, functionArgs(apiKeyAuthorizer, linkables));

export const keyAuthorizer = api.addAuthorizer({
  name: "apiKey",
  lambda: {
    function: keyAuthorizerHandler.target,
    payload: "2.0",
    response: "simple",
    identitySources: [apiKeyAuthorizer.identitySource],
    ttl: `${apiKeyAuthorizer.resultsTtlSeconds} seconds`,
  },
});

/** Each authorizer as a route's `auth` argument; `authorizerOf` says which one a route has. */
const authorizers = {
  none: {},
  jwt: { auth: { jwt: { authorizer: jwtAuthorizer.id } } },
  apiKey: { auth: { lambda: keyAuthorizer.id } },
} satisfies Record<Authorizer, object>;

// Stable logical names (ApiRoute<Name>, ApiRoute<Name>Handler) instead of route hashes.
const routeHandlers = routeEntries().map(([routeKey, spec]) => ({
  routeKey,
  spec,
  handler: releasedHandler(`ApiRoute${spec.name}Handler`, spec.name, functionArgs(spec, linkables), spec.warm),
}));

export const routes = Object.fromEntries(
  routeHandlers.map(({ routeKey, spec, handler }) => [
    routeKey,
    api.route(routeKey, handler.target, {
      name: spec.name,
      ...authorizers[authorizerOf(spec.auth)],
    }),
  ]),
);

/** The API functions released as canaries (production): the key authorizer and every route's, for infra/release.ts. */
export const canaryFunctions = [keyAuthorizerHandler, ...routeHandlers.map(({ handler }) => handler)].flatMap(({ release }) => (release ? [release] : []));
