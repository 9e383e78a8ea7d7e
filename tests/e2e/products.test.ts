import { describe, expect, it } from "vitest";
import { call, get, post } from "../support/http";
import { adminToken } from "../support/users";
import { createProduct } from "../support/catalogue";

describe("products", () => {
  it("lets anyone read the catalogue, page by page, with capped limits and signed cursors", async () => {
    for (let i = 0; i < 3; i++) await createProduct();
    const first = await get("/products?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.cursor).toBe("string");
    const second = await get(`/products?limit=2&cursor=${encodeURIComponent(first.body.cursor)}`);
    expect(second.status).toBe(200);
    const firstIds = first.body.items.map((p: { id: string }) => p.id);
    expect(second.body.items.length).toBeGreaterThan(0);
    for (const product of second.body.items) expect(firstIds).not.toContain(product.id);

    expect((await get("/products?limit=1000")).status).toBe(422);
    // Edit the signed payload (the cursor is <secret version>.<payload>.<signature>).
    const [version, payload, signature] = first.body.cursor.split(".");
    const forged = [version, payload.replace(/^./, (c: string) => (c === "e" ? "f" : "e")), signature].join(".");
    const refused = await get(`/products?cursor=${encodeURIComponent(forged)}`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe("cursor");
  });

  it("walks the whole catalogue without repeats by following cursors", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await get(`/products?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.status).toBe(200);
      for (const product of page.body.items) {
        expect(seen.has(product.id)).toBe(false);
        seen.add(product.id);
      }
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 200);
    expect(seen.size).toBeGreaterThanOrEqual(8);
  });

  it("creates, reads, replaces and deletes a product as admin", async () => {
    const token = await adminToken();
    const created = await post("/products", { name: "Tamper", price: { amount: 1999, currency: "EUR" }, stock: 3 }, { token });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/products/${created.body.id}`);
    expect(created.body).toMatchObject({ name: "Tamper", description: "", price: { amount: 1999, currency: "EUR" }, stock: 3, version: 1 });

    const read = await get(`/products/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    const replaced = await call("PUT", `/products/${created.body.id}`, {
      token,
      json: { name: "Tamper, steel", description: "58 mm", price: { amount: 2499, currency: "EUR" }, stock: 7 },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, name: "Tamper, steel", stock: 7, version: 2, createdAt: created.body.createdAt });

    const removed = await call("DELETE", `/products/${created.body.id}`, { token });
    expect(removed.status).toBe(204);
    expect((await get(`/products/${created.body.id}`)).status).toBe(404);
    expect((await call("DELETE", `/products/${created.body.id}`, { token })).status).toBe(404);
    expect((await call("PUT", `/products/${created.body.id}`, { token, json: { name: "x", price: { amount: 1, currency: "EUR" }, stock: 1 } })).status).toBe(404);
  });

  it("answers unknown and malformed ids with a problem 404", async () => {
    const unknown = await get("/products/01ARZ3NDEKTSV4RRFFQ69G5FAV");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toBe("application/problem+json");
    expect(unknown.body).toMatchObject({ status: 404, title: "Not found" });
    expect(unknown.body.requestId).toBe(unknown.headers.get("x-request-id"));
    expect((await get("/products/not-an-id")).status).toBe(404);
  });
});
