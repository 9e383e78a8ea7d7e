/**
 * The HTTP API as a whole: every route's contract (./contracts.ts) by its key, plus the
 * authorizers and user-pool triggers those routes rely on.
 */
import * as contracts from "./contracts";
import { fn, type FunctionSpec } from "./functions";
import type { Keyed } from "./route-contract";

type Contract = (typeof contracts)[keyof typeof contracts];

/**
 * Every route: each contract exported by ./contracts.ts, so adding a route is one contract and
 * its handler. Ordered by path, then method (GET, POST, PUT, PATCH, DELETE), which is the order
 * the OpenAPI document lists them in.
 */
export const routes = byKey(Object.values(contracts));

export type ManifestRouteKey = Contract["key"];

/** Each contract with its route key, in the routes' order. */
export function routeEntries(): [ManifestRouteKey, Keyed<ManifestRouteKey>][] {
  return Object.entries(routes) as [ManifestRouteKey, Keyed<ManifestRouteKey>][];
}

/** The contracts by route key, in path then method order; a pure call, so a bundle that reads no route from here drops it. */
/* @__NO_SIDE_EFFECTS__ */
function byKey(list: Contract[]): { [C in Contract as C["key"]]: C } {
  const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  const path = (contract: Keyed) => contract.key.slice(contract.key.indexOf(" ") + 1);
  const method = (contract: Keyed) => methods.indexOf(contract.key.slice(0, contract.key.indexOf(" ")));
  const ordered = [...list].sort((a, b) => (path(a) < path(b) ? -1 : path(a) > path(b) ? 1 : method(a) - method(b)));
  return Object.fromEntries(ordered.map((contract) => [contract.key, contract])) as { [C in Contract as C["key"]]: C };
}

/**
 * The Lambda authorizer for `apiKey` routes (HTTP API, payload 2.0, simple responses). API
 * Gateway caches its answer per identity-source value for `resultsTtlSeconds`; handlers still
 * check revocation and limits on every request, so a revoked key stops at once.
 */
export const apiKeyAuthorizer = {
  name: "ApiKeyAuthorizer",
  handler: fn("authorizers/api-key"),
  links: ["Table", "ApiKeyPepper"],
  identitySource: "$request.header.x-api-key",
  resultsTtlSeconds: 300,
} as const satisfies FunctionSpec & { identitySource: string; resultsTtlSeconds: number };

/** User-pool triggers. PostConfirmation puts new users in `customer` and creates their profile. */
export const triggers = {
  PostConfirmation: { name: "PostConfirmation", handler: fn("triggers/post-confirmation"), links: ["Table"] },
} as const satisfies Record<string, FunctionSpec>;


/**
 * Where the web app reaches this API on its own origin: the browser calls `/api/auth/login`, and
 * the router in front (CloudFront in AWS, Vite's proxy offline) strips the prefix, so routes
 * here never see it. Anything the browser must be told about paths, such as the refresh
 * cookie's `Path`, has to add it back; this is the one place it is written.
 */
export const webApiBasePath = "/api";
