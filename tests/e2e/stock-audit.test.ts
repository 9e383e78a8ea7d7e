import { describe, expect, it } from "vitest";
import { call, get } from "../support/http";
import { createProduct } from "../support/catalogue";
import { createKey } from "../support/keys";
import { adminToken, customerToken } from "../support/users";

const setStock = (productId: string, secret: string, stock: unknown) =>
  call("PUT", `/partner/products/${productId}/stock`, { json: { stock }, headers: { "x-api-key": secret } });

async function auditOf(productId: string, query = "") {
  const response = await get(`/products/${productId}/stock-audit${query}`, { token: await adminToken() });
  expect(response.status, response.text).toBe(200);
  return response.body as { items: { id: string; productId: string; keyId: string; previousStock: number; stock: number; version: number; at: string }[]; cursor: string | null };
}

describe("stock audit trail (which API key wrote a product's stock)", () => {
  it("records each partner stock write with its key, newest first, and pages through them", async () => {
    const product = await createProduct({ stock: 10 });
    const first = await createKey(["stock:write"]);
    const second = await createKey(["stock:write"]);

    const a = await setStock(product.id, first.secret, 7);
    const b = await setStock(product.id, second.secret, 3);
    expect([a.status, b.status]).toEqual([200, 200]);

    const audit = await auditOf(product.id);
    expect(audit.cursor).toBeNull();
    expect(audit.items).toEqual([
      { id: expect.any(String), productId: product.id, keyId: second.id, previousStock: 7, stock: 3, version: b.body.version, at: b.body.updatedAt },
      { id: expect.any(String), productId: product.id, keyId: first.id, previousStock: 10, stock: 7, version: a.body.version, at: a.body.updatedAt },
    ]);

    const page1 = await auditOf(product.id, "?limit=1");
    expect(page1.items.map((entry) => entry.keyId)).toEqual([second.id]);
    expect(page1.cursor).toEqual(expect.any(String));
    const page2 = await auditOf(product.id, `?limit=1&cursor=${encodeURIComponent(page1.cursor!)}`);
    expect(page2.items.map((entry) => entry.keyId)).toEqual([first.id]);

    // A cursor is bound to its product's trail: replayed against another product it is refused.
    const other = await createProduct();
    const replayed = await get(`/products/${other.id}/stock-audit?cursor=${encodeURIComponent(page1.cursor!)}`, { token: await adminToken() });
    expect(replayed.status).toBe(422);
  });

  it("records nothing for refused writes, and only admins read it", async () => {
    const product = await createProduct({ stock: 5 });
    const reader = await createKey(["orders:read"]);
    const writer = await createKey(["stock:write"]);
    expect((await setStock(product.id, reader.secret, 1)).status).toBe(403);
    expect((await setStock(product.id, writer.secret, -1)).status).toBe(422);
    expect((await setStock(product.id, writer.secret, "many")).status).toBe(422);
    expect((await auditOf(product.id)).items).toEqual([]);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(5);

    expect((await get(`/products/${product.id}/stock-audit`, { token: await customerToken() })).status).toBe(403);
    expect((await get(`/products/${product.id}/stock-audit`)).status).toBe(401);
    expect((await get(`/products/${product.id}/stock-audit`, { headers: { "x-api-key": writer.secret } })).status).toBe(401);
    expect((await get("/products/01ARZ3NDEKTSV4RRFFQ69G5FAV/stock-audit", { token: await adminToken() })).status).toBe(404);
  });

  it("keeps exactly one entry per write when keys race, chained version by version", async () => {
    const product = await createProduct({ stock: 0 });
    // Four writers: a write retries up to five times when another lands first, so none gives up.
    const keys = await Promise.all([createKey(["stock:write"]), createKey(["stock:write"])]);
    const writes = await Promise.all(keys.flatMap((key, k) => [1, 2].map((n) => setStock(product.id, key.secret, 10 * (k + 1) + n))));
    expect(writes.map((write) => write.status)).toEqual(Array(4).fill(200));

    const { items } = await auditOf(product.id);
    expect(items).toHaveLength(4);
    const final = (await get(`/products/${product.id}`)).body;
    // Oldest to newest: versions 2..5 with no gap, each write starting from the previous one's stock.
    const chain = [...items].reverse();
    expect(chain.map((entry) => entry.version)).toEqual([2, 3, 4, 5]);
    expect(chain[0]!.previousStock).toBe(0);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.previousStock).toBe(chain[i - 1]!.stock);
    expect(chain.at(-1)).toMatchObject({ stock: final.stock, version: final.version });
    // Each key's entries are its own writes.
    for (const [k, key] of keys.entries()) {
      expect(items.filter((entry) => entry.keyId === key.id).map((entry) => entry.stock).sort()).toEqual([10 * (k + 1) + 1, 10 * (k + 1) + 2]);
    }
  });
});
