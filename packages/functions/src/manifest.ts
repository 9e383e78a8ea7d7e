/**
 * The app manifest: every API route, the function that serves it, who may call it and what it
 * links. Plain data with no SST globals, read by `infra/api.ts` to create the deployed API and
 * by `packages/local` to serve the same routes offline. Adding a route is one entry here plus
 * its handler.
 */

/** `public`: anyone. `user`: any signed-in user (Cognito access token). `admin`: the admin group. */
export type Auth = "public" | "user" | "admin";

/** Linkable resources, by the names `infra/*` gives them and handlers read through `Resource`. */
export type Link = "Table" | "CursorSecret" | "UserPool" | "UserPoolClient";

export interface RouteSpec {
  /** Function name: unique, PascalCase; it becomes the Lambda's logical name. */
  name: string;
  /** `<file path from the repository root without extension>.<export>`, as SST expects. */
  handler: string;
  auth: Auth;
  links: readonly Link[];
  memory?: `${number} MB`;
  timeout?: `${number} seconds`;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /${string}`;

export const defaults = { memory: "1024 MB", timeout: "10 seconds", architecture: "arm64", runtime: "nodejs22.x" } as const;

const fn = (path: string) => `packages/functions/src/${path}.handler`;
const data = ["Table", "CursorSecret"] as const;

export const routes = {
  "GET /health": { name: "Health", handler: fn("health/get"), auth: "public", links: ["Table"] },

  "GET /products": { name: "ProductsList", handler: fn("products/list"), auth: "public", links: data },
  "GET /products/{id}": { name: "ProductsGet", handler: fn("products/get"), auth: "public", links: data },
  "POST /products": { name: "ProductsCreate", handler: fn("products/create"), auth: "admin", links: data },
  "PUT /products/{id}": { name: "ProductsReplace", handler: fn("products/replace"), auth: "admin", links: data },
  "DELETE /products/{id}": { name: "ProductsDelete", handler: fn("products/delete"), auth: "admin", links: data },

  "GET /me": { name: "MeGet", handler: fn("me/get"), auth: "user", links: data },
  "PATCH /me": { name: "MeUpdate", handler: fn("me/update"), auth: "user", links: data },
  "GET /me/orders": { name: "MeOrders", handler: fn("me/orders"), auth: "user", links: data },

  "POST /orders": { name: "OrdersPlace", handler: fn("orders/place"), auth: "user", links: data },
  "GET /orders": { name: "OrdersSearch", handler: fn("orders/search"), auth: "admin", links: data },
  "GET /orders/{id}": { name: "OrdersGet", handler: fn("orders/get"), auth: "user", links: data },
  "POST /orders/{id}/cancel": { name: "OrdersCancel", handler: fn("orders/cancel"), auth: "user", links: data },
} as const satisfies Record<RouteKey, RouteSpec>;

export type ManifestRouteKey = keyof typeof routes;

export function routeEntries(): [ManifestRouteKey, RouteSpec][] {
  return Object.entries(routes) as [ManifestRouteKey, RouteSpec][];
}
