import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { adminToken, newUser } from "../support/users";
import { createProduct } from "../support/catalogue";

describe("orders", () => {
  it("prices lines from the catalogue, writes the order and takes the stock", async () => {
    const kettle = await createProduct({ price: { amount: 5900, currency: "EUR" }, stock: 10 });
    // 2 × 59.00 + 3 × 6.71 = 138.13: a total ending in 13 keeps the order PENDING (see createProduct).
    const filters = await createProduct({ price: { amount: 671, currency: "EUR" }, stock: 100 });
    const user = await newUser();
    const placed = await post(
      "/orders",
      { lines: [{ productId: kettle.id, quantity: 2 }, { productId: filters.id, quantity: 3 }] },
      { token: user.accessToken },
    );
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body).toMatchObject({
      status: "PENDING",
      total: { amount: 2 * 5900 + 3 * 671, currency: "EUR" },
      lineCount: 2,
      lines: [
        { productId: kettle.id, quantity: 2, unitPrice: { amount: 5900, currency: "EUR" }, lineTotal: { amount: 11800, currency: "EUR" } },
        { productId: filters.id, quantity: 3, unitPrice: { amount: 671, currency: "EUR" }, lineTotal: { amount: 2013, currency: "EUR" } },
      ],
    });
    expect((await get(`/products/${kettle.id}`)).body.stock).toBe(8);
    expect((await get(`/products/${filters.id}`)).body.stock).toBe(97);

    const read = await get(`/orders/${placed.body.id}`, { token: user.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(placed.body);
    const asAdmin = await get(`/orders/${placed.body.id}`, { token: await adminToken() });
    expect(asAdmin.body.id).toBe(placed.body.id);
  });

  it("refuses an order the stock cannot cover with 409 and takes nothing", async () => {
    const scarce = await createProduct({ stock: 1 });
    const plenty = await createProduct({ stock: 10 });
    const user = await newUser();
    const refused = await post(
      "/orders",
      { lines: [{ productId: plenty.id, quantity: 1 }, { productId: scarce.id, quantity: 2 }] },
      { token: user.accessToken },
    );
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect((await get(`/products/${plenty.id}`)).body.stock).toBe(10);
    expect((await get(`/products/${scarce.id}`)).body.stock).toBe(1);
    expect((await get("/me/orders", { token: user.accessToken })).body.items).toEqual([]);
  });

  it("lists the caller's orders newest first, page by page", async () => {
    const product = await createProduct({ stock: 50 });
    const user = await newUser();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
      ids.push(placed.body.id);
    }
    const first = await get("/me/orders?limit=3", { token: user.accessToken });
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual(ids.slice().reverse().slice(0, 3));
    const rest = await get(`/me/orders?limit=3&cursor=${encodeURIComponent(first.body.cursor)}`, { token: user.accessToken });
    expect(rest.body.items.map((o: { id: string }) => o.id)).toEqual(ids.slice().reverse().slice(3));

    const other = await newUser();
    const stolen = await get(`/me/orders?cursor=${encodeURIComponent(first.body.cursor)}`, { token: other.accessToken });
    expect(stolen.status).toBe(422);
  });

  it("cancels a pending order once, restoring its stock in the same transaction", async () => {
    // 3 × 10.71 = 32.13: a total ending in 13 keeps the order PENDING however fast the pipeline is.
    const product = await createProduct({ stock: 5, price: { amount: 1071, currency: "EUR" } });
    const user = await newUser();
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 3 }] }, { token: user.accessToken });
    expect((await get(`/products/${product.id}`)).body.stock).toBe(2);

    const cancelled = await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "CANCELLED", version: 2 });
    expect((await get(`/products/${product.id}`)).body.stock).toBe(5);

    const twice = await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(twice.status).toBe(409);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(5);

    const admin = await adminToken();
    expect((await post(`/orders/${placed.body.id}/cancel`, undefined, { token: admin })).status).toBe(403);
  });

  it("lets admins list orders by status and date through the status index", async () => {
    const product = await createProduct({ stock: 20 });
    const user = await newUser();
    const before = new Date().toISOString();
    const a = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    const b = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    await post(`/orders/${a.body.id}/cancel`, undefined, { token: user.accessToken });
    const admin = await adminToken();

    const pending = await get(`/orders?status=PENDING&from=${encodeURIComponent(before)}`, { token: admin });
    expect(pending.status).toBe(200);
    const pendingIds = pending.body.items.map((o: { id: string }) => o.id);
    expect(pendingIds).toContain(b.body.id);
    expect(pendingIds).not.toContain(a.body.id);

    const cancelled = await get(`/orders?status=CANCELLED&from=${encodeURIComponent(before)}`, { token: admin });
    expect(cancelled.body.items.map((o: { id: string }) => o.id)).toContain(a.body.id);

    const past = await get(`/orders?status=PENDING&to=2000-01-01`, { token: admin });
    expect(past.body.items).toEqual([]);

    for (const query of ["", "?status=LOST", "?status=PENDING&from=yesterday", "?status=PENDING&from=2030-01-01&to=2020-01-01"]) {
      expect((await get(`/orders${query}`, { token: admin })).status, query).toBe(422);
    }
  });
});
