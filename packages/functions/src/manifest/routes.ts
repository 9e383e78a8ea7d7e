/**
 * The HTTP API as a whole: every route's contract (./contracts.ts) by its key, in the order the
 * OpenAPI document lists them, plus the authorizers and user-pool triggers those routes rely on.
 */
import * as contracts from "./contracts";
import { fn, type FunctionSpec } from "./functions";
import type { Keyed } from "./route-contract";

/** Every route. A contract missing here is not deployed; packages/functions/test/manifest.test.ts fails for it. */
export const routes = byKey([
  contracts.Health, contracts.OpenApi, contracts.Docs, contracts.AuthSignUp, contracts.AuthConfirm,
  contracts.AuthLogIn, contracts.AuthRefresh, contracts.AuthLogOut, contracts.AuthResendConfirmation,
  contracts.AuthForgotPassword, contracts.AuthConfirmForgotPassword, contracts.ProductsList, contracts.ProductsGet,
  contracts.ProductsCreate, contracts.ProductsReplace, contracts.ProductsDelete, contracts.ProductImagesUpload,
  contracts.ProductsStockAudit, contracts.ProductImagesGet, contracts.MeGet, contracts.MeUpdate, contracts.MeOrders,
  contracts.OrdersPlace, contracts.OrdersSearch, contracts.OrdersGet, contracts.OrdersCancel, contracts.UsersList,
  contracts.UsersGet, contracts.UsersUpdate, contracts.UsersDelete, contracts.ApiKeysCreate, contracts.ApiKeysList,
  contracts.ApiKeysRevoke, contracts.AnalyticsSales, contracts.ExportsCreate, contracts.ExportsGet,
  contracts.PartnerOrders, contracts.PartnerStock,
]);

export type ManifestRouteKey = keyof typeof routes;

/** Each contract with its route key, in the manifest's order. */
export function routeEntries(): [ManifestRouteKey, Keyed<ManifestRouteKey>][] {
  return Object.entries(routes) as [ManifestRouteKey, Keyed<ManifestRouteKey>][];
}

/** The contracts by route key; a pure call, so a bundle that reads no route from here drops it. */
/* @__NO_SIDE_EFFECTS__ */
function byKey<const L extends readonly Keyed[]>(list: L): { [C in L[number] as C["key"]]: C } {
  return Object.fromEntries(list.map((contract) => [contract.key, contract])) as { [C in L[number] as C["key"]]: C };
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
