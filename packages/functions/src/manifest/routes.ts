/**
 * The HTTP API: every route, the function that serves it, who may call it and what it links,
 * plus the authorizers and user-pool triggers those routes rely on.
 */
import type { Scope } from "@emporium/core/auth";
import { fn, type FunctionSpec } from "./functions";

/**
 * `public`: anyone. `user`: any signed-in user (Cognito access token, JWT authorizer).
 * `admin`: the admin group. `apiKey`: machine clients (`x-api-key`, Lambda authorizer) whose
 * key grants the route's `scope`.
 */
export type Auth = "public" | "user" | "admin" | "apiKey";

export interface RouteSpec extends FunctionSpec {
  auth: Auth;
  /** For `apiKey` routes: the scope a key must hold. */
  scope?: Scope;
  /** Honours `Idempotency-Key` (non-idempotent writes); the handler applies it with `idempotent`. */
  idempotency?: true;
  /** Hot path: production may keep instances warm (provisioned concurrency on the `live` alias, see infra/canary.ts). */
  warm?: true;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /${string}`;

const data = ["Table", "CursorSecret"] as const;
const accounts = ["Table", "UserPoolClient"] as const;
/** The account flows' own attempt limits (per address and per IP) read the per-IP scale. */
const guarded = { auth: "public", links: accounts, settings: ["AUTH_IP_LIMIT_SCALE"] } as const;
const directory = ["Table", "CursorSecret", "UserPool"] as const;
const keys = ["Table", "CursorSecret", "ApiKeyPepper"] as const;

export const routes = {
  "GET /health": { name: "Health", handler: fn("health/get"), auth: "public", links: ["Table"] },
  "GET /openapi.json": { name: "OpenApi", handler: fn("openapi/get"), auth: "public", links: ["Table"] },
  "GET /docs": { name: "Docs", handler: fn("docs/get"), auth: "public", links: ["Table"] },

  "POST /auth/signup": { name: "AuthSignUp", handler: fn("auth/signup"), ...guarded },
  "POST /auth/confirm": { name: "AuthConfirm", handler: fn("auth/confirm"), ...guarded },
  "POST /auth/login": { name: "AuthLogIn", handler: fn("auth/login"), ...guarded },
  "POST /auth/refresh": { name: "AuthRefresh", handler: fn("auth/refresh"), ...guarded },
  // Public like the other /auth routes: the caller's access token may already have expired.
  "POST /auth/logout": { name: "AuthLogOut", handler: fn("auth/logout"), auth: "public", links: accounts },
  "POST /auth/resend-confirmation": { name: "AuthResendConfirmation", handler: fn("auth/resend-confirmation"), ...guarded },
  "POST /auth/forgot-password": { name: "AuthForgotPassword", handler: fn("auth/forgot-password"), ...guarded },
  "POST /auth/confirm-forgot-password": {
    name: "AuthConfirmForgotPassword",
    handler: fn("auth/confirm-forgot-password"),
    ...guarded,
    // The pool itself: a reset ends every session of the account (global sign-out).
    links: [...accounts, "UserPool"],
  },

  "GET /products": { name: "ProductsList", handler: fn("products/list"), auth: "public", links: data, warm: true, memory: "768 MB" },
  "GET /products/{id}": { name: "ProductsGet", handler: fn("products/get"), auth: "public", links: data, warm: true, memory: "512 MB" },
  "POST /products": { name: "ProductsCreate", handler: fn("products/create"), auth: "admin", links: [...data, "Idempotency"], idempotency: true },
  "PUT /products/{id}": { name: "ProductsReplace", handler: fn("products/replace"), auth: "admin", links: data },
  "DELETE /products/{id}": { name: "ProductsDelete", handler: fn("products/delete"), auth: "admin", links: data },
  "POST /products/{id}/images": { name: "ProductImagesUpload", handler: fn("products/images/upload"), auth: "admin", links: [...data, "Uploads"] },
  "GET /products/{id}/stock-audit": { name: "ProductsStockAudit", handler: fn("products/stock-audit"), auth: "admin", links: data },
  "GET /products/{id}/images/{imageId}": { name: "ProductImagesGet", handler: fn("products/images/get"), auth: "public", links: [...data, "Uploads"] },

  "GET /me": { name: "MeGet", handler: fn("me/get"), auth: "user", links: data, memory: "512 MB" },
  "PATCH /me": { name: "MeUpdate", handler: fn("me/update"), auth: "user", links: data },
  "GET /me/orders": { name: "MeOrders", handler: fn("me/orders"), auth: "user", links: data, memory: "768 MB" },

  "POST /orders": { name: "OrdersPlace", handler: fn("orders/place"), auth: "user", links: [...data, "Idempotency"], idempotency: true, warm: true, memory: "1024 MB" },
  "GET /orders": { name: "OrdersSearch", handler: fn("orders/search"), auth: "admin", links: data },
  "GET /orders/{id}": { name: "OrdersGet", handler: fn("orders/get"), auth: "user", links: data, memory: "768 MB" },
  "POST /orders/{id}/cancel": {
    name: "OrdersCancel",
    handler: fn("orders/cancel"),
    auth: "user",
    links: [...data, "Idempotency"],
    idempotency: true,
  },

  "GET /users": { name: "UsersList", handler: fn("users/list"), auth: "admin", links: directory },
  "GET /users/{id}": { name: "UsersGet", handler: fn("users/get"), auth: "admin", links: directory },
  "PATCH /users/{id}": { name: "UsersUpdate", handler: fn("users/update"), auth: "admin", links: directory },
  "DELETE /users/{id}": { name: "UsersDelete", handler: fn("users/delete"), auth: "admin", links: directory },

  "POST /api-keys": { name: "ApiKeysCreate", handler: fn("api-keys/create"), auth: "admin", links: keys },
  "GET /api-keys": { name: "ApiKeysList", handler: fn("api-keys/list"), auth: "admin", links: keys },
  "DELETE /api-keys/{id}": { name: "ApiKeysRevoke", handler: fn("api-keys/revoke"), auth: "admin", links: keys },

  "GET /analytics/sales": { name: "AnalyticsSales", handler: fn("analytics/sales"), auth: "admin", links: data },
  "POST /exports/orders": {
    name: "ExportsCreate",
    handler: fn("exports/create"),
    auth: "admin",
    links: [...data, "ExportsQueue", "Idempotency"],
    idempotency: true,
  },
  "GET /exports/{id}": { name: "ExportsGet", handler: fn("exports/get"), auth: "admin", links: [...data, "Exports"] },

  "GET /partner/orders": { name: "PartnerOrders", handler: fn("partner/orders"), auth: "apiKey", scope: "orders:read", links: data },
  "PUT /partner/products/{id}/stock": {
    name: "PartnerStock",
    handler: fn("partner/stock"),
    auth: "apiKey",
    scope: "stock:write",
    links: data,
  },
} as const satisfies Record<RouteKey, RouteSpec>;

export type ManifestRouteKey = keyof typeof routes;

export function routeEntries(): [ManifestRouteKey, RouteSpec][] {
  return Object.entries(routes) as [ManifestRouteKey, RouteSpec][];
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
