/**
 * Every answer to a GET says how it may be cached (RFC 9111): the public catalogue and the
 * API's documents may sit in shared caches (the CloudFront router keeps them as long as
 * `Cache-Control` allows); anything personal, administrative, or asked for with credentials
 * only in the caller's own cache, revalidated. The routes come from the manifest, so a GET route
 * added without a case here fails the first test.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { routeEntries, type ManifestRouteKey } from "@emporium/functions/manifest";
import { call, get, post, type ApiResponse } from "../support/http";
import { createProduct } from "../support/catalogue";
import { attachImage, png } from "../support/images";
import { createKey } from "../support/keys";
import { adminToken, newUser } from "../support/users";

const PUBLIC = /^public, max-age=\d+/;
const PRIVATE = /^private, no-cache$/;

interface Case {
  path: () => string;
  /** Who asks: nobody, a customer, the admin, or a partner's API key. */
  as: "anonymous" | "customer" | "admin" | "partner";
  status: number;
  policy: RegExp;
}

let customer: Awaited<ReturnType<typeof newUser>>;
let admin: string;
let partnerKey: string;
let productId: string;
let imageId: string;
let orderId: string;
let exportId: string;
let userId: string;

beforeAll(async () => {
  [customer, admin, partnerKey] = await Promise.all([newUser(), adminToken(), createKey(["orders:read"]).then((key) => key.secret)]);
  const product = await createProduct({ stock: 5 });
  productId = product.id;
  imageId = await attachImage(productId, png(2, 2, [0, 0, 0], [255, 255, 255]));
  const order = await post("/orders", { lines: [{ productId, quantity: 1 }] }, { token: customer.accessToken });
  expect(order.status, order.text).toBe(201);
  orderId = order.body.id;
  userId = (await get("/me", { token: customer.accessToken })).body.id;
  const job = await post("/exports/orders", { status: "PENDING", from: order.body.createdAt }, { token: admin });
  expect(job.status, job.text).toBe(202);
  exportId = job.body.id;
});

const today = () => new Date().toISOString().slice(0, 10);

const cases: Record<Extract<ManifestRouteKey, `GET ${string}`>, Case[]> = {
  "GET /health": [{ path: () => "/health", as: "anonymous", status: 200, policy: PRIVATE }],
  "GET /openapi.json": [{ path: () => "/openapi.json", as: "anonymous", status: 200, policy: PUBLIC }],
  "GET /docs": [{ path: () => "/docs", as: "anonymous", status: 200, policy: PUBLIC }],
  "GET /products": [
    { path: () => "/products?limit=2", as: "anonymous", status: 200, policy: PUBLIC },
    { path: () => "/products?limit=2", as: "customer", status: 200, policy: PRIVATE },
  ],
  "GET /products/{id}": [
    { path: () => `/products/${productId}`, as: "anonymous", status: 200, policy: PUBLIC },
    { path: () => `/products/${productId}`, as: "admin", status: 200, policy: PRIVATE },
    // A product that does not exist yet must not be remembered as missing by a shared cache.
    { path: () => "/products/01ARZ3NDEKTSV4RRFFQ69G5FAV", as: "anonymous", status: 404, policy: PRIVATE },
  ],
  "GET /products/{id}/stock-audit": [{ path: () => `/products/${productId}/stock-audit`, as: "admin", status: 200, policy: PRIVATE }],
  "GET /products/{id}/images/{imageId}": [{ path: () => `/products/${productId}/images/${imageId}`, as: "anonymous", status: 302, policy: /^private, max-age=\d+$/ }],
  "GET /me": [{ path: () => "/me", as: "customer", status: 200, policy: PRIVATE }],
  "GET /me/orders": [{ path: () => "/me/orders", as: "customer", status: 200, policy: PRIVATE }],
  "GET /orders": [{ path: () => "/orders?status=PENDING&limit=1", as: "admin", status: 200, policy: PRIVATE }],
  "GET /orders/{id}": [{ path: () => `/orders/${orderId}`, as: "customer", status: 200, policy: PRIVATE }],
  "GET /users": [{ path: () => "/users?limit=1", as: "admin", status: 200, policy: PRIVATE }],
  "GET /users/{id}": [{ path: () => `/users/${userId}`, as: "admin", status: 200, policy: PRIVATE }],
  "GET /api-keys": [{ path: () => "/api-keys", as: "admin", status: 200, policy: PRIVATE }],
  "GET /analytics/sales": [{ path: () => `/analytics/sales?from=${today()}&to=${today()}`, as: "admin", status: 200, policy: PRIVATE }],
  "GET /exports/{id}": [{ path: () => `/exports/${exportId}`, as: "admin", status: 200, policy: PRIVATE }],
  "GET /partner/orders": [{ path: () => "/partner/orders?status=PENDING&limit=1", as: "partner", status: 200, policy: PRIVATE }],
};

function ask(c: Case): Promise<ApiResponse> {
  if (c.as === "customer") return get(c.path(), { token: customer.accessToken });
  if (c.as === "admin") return get(c.path(), { token: admin });
  if (c.as === "partner") return get(c.path(), { headers: { "x-api-key": partnerKey } });
  return c.path().includes("/images/") ? redirectOf(c.path()) : get(c.path());
}

/** The image route answers with a redirect to storage; it is read without following it. */
async function redirectOf(path: string): Promise<ApiResponse> {
  const response = await fetch(`${inject("stack").apiUrl}${path}`, { redirect: "manual" });
  return { status: response.status, headers: response.headers, body: undefined, text: await response.text() };
}

describe("Cache-Control on every cacheable response", () => {
  it("has a case for every GET route of the manifest", () => {
    const getRoutes = routeEntries().map(([key]) => key).filter((key) => key.startsWith("GET "));
    expect(Object.keys(cases).sort()).toEqual(getRoutes.sort());
  });

  it.each(Object.entries(cases).flatMap(([route, list]) => list.map((c) => [`${route} as ${c.as} → ${c.status}`, c] as const)))("%s says how it may be cached", async (_name, c) => {
    const response = await ask(c);
    expect(response.status, response.text).toBe(c.status);
    expect(response.headers.get("cache-control"), `${c.path()}`).toMatch(c.policy);
  });

  it("keeps its policy on a 304: a revalidated copy stays where it was allowed to be", async () => {
    const first = await get(`/products/${productId}`);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"\d+"$/);
    const again = await call("GET", `/products/${productId}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cache-control")).toMatch(PUBLIC);
    const mine = await get("/me", { token: customer.accessToken });
    const revalidated = await call("GET", "/me", { token: customer.accessToken, headers: { "if-none-match": mine.headers.get("etag")! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("cache-control")).toMatch(PRIVATE);
  });
});
