import { describe, expect, it } from "vitest";
import { call, get, post } from "../support/http";
import { adminToken, newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { claimsOf } from "../support/tokens";
import { createKey } from "../support/keys";
import { offlineOnly } from "../support/target";

const replacement = (name: string) => ({ name, price: { amount: 1013, currency: "EUR" }, stock: 9 });

describe("concurrency control and caching (ETag, If-Match, If-None-Match, Cache-Control)", () => {
  it("serves the catalogue with ETags and CDN-friendly caching, and answers 304 to a current copy", async () => {
    const product = await createProduct();
    const first = await get(`/products/${product.id}`);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const unchanged = await get(`/products/${product.id}`, { headers: { "if-none-match": '"1"' } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe("");
    expect(unchanged.headers.get("etag")).toBe('"1"');
    expect((await get(`/products/${product.id}`, { headers: { "if-none-match": 'W/"1"' } })).status).toBe(304);
    expect((await get(`/products/${product.id}`, { headers: { "if-none-match": '"7", "8"' } })).status).toBe(200);
    expect((await get("/products?limit=1")).headers.get("cache-control")).toMatch(/^public/);
  });

  it("keeps answers to credentialed catalogue reads out of shared caches, so an editor never reads a stale edge copy", async () => {
    const token = await adminToken();
    const product = await createProduct();
    const signedIn = await call("GET", `/products/${product.id}`, { token });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("cache-control")).toBe("private, no-cache");
    expect((await call("GET", "/products?limit=1", { token })).headers.get("cache-control")).toBe("private, no-cache");
    expect((await get("/products?limit=1", { headers: { "x-api-key": "any" } })).headers.get("cache-control")).toBe("private, no-cache");
    expect((await get(`/products/${product.id}`)).headers.get("cache-control")).toMatch(/^public, /);
  });

  it("refuses a write against a stale version with 412 and changes nothing", async () => {
    const token = await adminToken();
    const product = await createProduct();
    const fresh = await call("PUT", `/products/${product.id}`, { token, json: replacement("First edit"), headers: { "if-match": '"1"' } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).toBe('"2"');

    const stale = await call("PUT", `/products/${product.id}`, { token, json: replacement("Lost update"), headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const now = await get(`/products/${product.id}`);
    expect(now.body).toMatchObject({ name: "First edit", version: 2 });

    expect((await call("PUT", `/products/${product.id}`, { token, json: replacement("Any"), headers: { "if-match": "*" } })).status).toBe(200);
    expect((await call("PUT", `/products/${product.id}`, { token, json: replacement("Bad"), headers: { "if-match": "yesterday" } })).status).toBe(412);
    expect((await get(`/products/${product.id}`)).body).toMatchObject({ name: "Any", version: 3 });
  });

  it("versions profiles: If-Match on PATCH /me and PATCH /users/{id}", async () => {
    const user = await newUser();
    const me = await get("/me", { token: user.accessToken });
    expect(me.headers.get("etag")).toBe('"1"');
    expect(me.headers.get("cache-control")).toBe("private, no-cache");
    expect((await get("/me", { token: user.accessToken, headers: { "if-none-match": '"1"' } })).status).toBe(304);

    const renamed = await call("PATCH", "/me", { token: user.accessToken, json: { name: "Kim" }, headers: { "if-match": '"1"' } });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get("etag")).toBe('"2"');
    const stale = await call("PATCH", "/me", { token: user.accessToken, json: { name: "Overwrite" }, headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(412);

    const admin = await adminToken();
    const id = String(claimsOf(user.accessToken).sub);
    const staleAdmin = await call("PATCH", `/users/${id}`, { token: admin, json: { name: "Admin edit" }, headers: { "if-match": '"1"' } });
    expect(staleAdmin.status).toBe(412);
    expect((await get("/me", { token: user.accessToken })).body).toMatchObject({ name: "Kim", version: 2 });
    const current = await call("PATCH", `/users/${id}`, { token: admin, json: { name: "Admin edit" }, headers: { "if-match": '"2"' } });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ name: "Admin edit", version: 3 });
  });

  it("tags orders by version too", offlineOnly, async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 2 });
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    const read = await get(`/orders/${placed.body.id}`, { token: user.accessToken });
    expect(read.headers.get("etag")).toBe('"1"');
    expect((await get(`/orders/${placed.body.id}`, { token: user.accessToken, headers: { "if-none-match": '"1"' } })).status).toBe(304);
    await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken });
    expect((await get(`/orders/${placed.body.id}`, { token: user.accessToken, headers: { "if-none-match": '"1"' } })).status).toBe(200);
  });

  it("moves a product's ETag with every stock change: orders, cancellations, partner stock updates (regression: stale If-Match oversold)", offlineOnly, async () => {
    const admin = await adminToken();
    const user = await newUser();
    const product = await createProduct({ stock: 10 });
    const before = await get(`/products/${product.id}`);
    expect(before.headers.get("etag")).toBe('"1"');

    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 3 }] }, { token: user.accessToken });
    expect(placed.status).toBe(201);
    const afterOrder = await get(`/products/${product.id}`);
    expect(afterOrder.body.stock).toBe(7);
    expect(afterOrder.headers.get("etag")).not.toBe('"1"');
    // The copy from before the order is stale: a conditional GET must not say "unchanged".
    expect((await get(`/products/${product.id}`, { headers: { "if-none-match": '"1"' } })).status).toBe(200);
    // The reproduced oversell: a PUT against version 1 putting stock back to 10 is refused and changes nothing.
    const stale = await call("PUT", `/products/${product.id}`, { token: admin, json: replacement("Stale"), headers: { "if-match": '"1"' } });
    expect(stale.status).toBe(412);
    expect((await get(`/products/${product.id}`)).body).toMatchObject({ stock: 7, version: afterOrder.body.version, name: product.name });

    const cancelled = await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancelled.status).toBe(200);
    const afterCancel = await get(`/products/${product.id}`);
    expect(afterCancel.body.stock).toBe(10);
    expect(afterCancel.body.version).toBeGreaterThan(afterOrder.body.version);
    expect((await get(`/products/${product.id}`, { headers: { "if-none-match": afterOrder.headers.get("etag")! } })).status).toBe(200);
    expect((await get(`/products/${product.id}`, { headers: { "if-none-match": afterCancel.headers.get("etag")! } })).status).toBe(304);

    const partnerKey = (await createKey(["stock:write"])).secret;
    const synced = await call("PUT", `/partner/products/${product.id}/stock`, { json: { stock: 4 }, headers: { "x-api-key": partnerKey } });
    expect(synced.status).toBe(200);
    const afterSync = await get(`/products/${product.id}`);
    expect(afterSync.body).toMatchObject({ stock: 4, version: afterCancel.body.version + 1 });
    const staleAfterSync = await call("PUT", `/products/${product.id}`, { token: admin, json: replacement("Stale again"), headers: { "if-match": afterCancel.headers.get("etag")! } });
    expect(staleAfterSync.status).toBe(412);
    const current = await call("PUT", `/products/${product.id}`, { token: admin, json: replacement("Current"), headers: { "if-match": afterSync.headers.get("etag")! } });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ name: "Current", stock: 9, version: afterSync.body.version + 1 });
  });

  it("a stock update without If-Match lands while orders move the same product's version", offlineOnly, async () => {
    const product = await createProduct({ stock: 100 });
    const partnerKey = (await createKey(["stock:write"])).secret;
    const customers = await Promise.all(Array.from({ length: 4 }, () => newUser()));
    const [sync, ...orders] = await Promise.all([
      call("PUT", `/partner/products/${product.id}/stock`, { json: { stock: 60 }, headers: { "x-api-key": partnerKey } }),
      ...customers.flatMap((user) => [1, 2].map(() => post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken }))),
    ]);
    expect(sync!.status, sync!.text).toBe(200);
    expect(orders.map((order) => order.status).every((status) => status === 201)).toBe(true);
    const after = await get(`/products/${product.id}`);
    // The sync set 60 at some point among the 8 orders: what is left is 60 minus the orders after it.
    expect(after.body.stock).toBeGreaterThanOrEqual(60 - orders.length);
    expect(after.body.stock).toBeLessThanOrEqual(60);
    expect(after.body.version).toBe(1 + orders.length + 1);
  });
});
