/**
 * The catalogue service against the real table: versions and If-Match, deletion, partner stock
 * writes with their audit trail, and batch reads of many products.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../src/auth";
import { NotFoundError, PreconditionFailedError, ValidationError } from "../src/errors";
import { newId } from "../src/ids";
import * as Products from "../src/products";

const partner: ApiClient = { keyId: `test-key-${randomUUID()}`, scopes: ["stock:write"] };
const input = (changes: Partial<Products.NewProduct> = {}): Products.NewProduct => ({
  name: `Lamp ${randomUUID()}`,
  description: "brass",
  price: { amount: 4_999, currency: "EUR" },
  stock: 7,
  ...changes,
});

describe("the catalogue", () => {
  it("creates a product at version 1 with server-owned fields, and reads it back", async () => {
    const now = new Date("2026-12-03T09:00:00.000Z");
    const created = await Products.create(input(), now);
    expect(created).toMatchObject({ version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString(), images: [], stock: 7 });
    expect(created.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await Products.get(created.id)).toEqual(created);
    await expect(Products.get(newId())).rejects.toThrow(NotFoundError);
  });

  it("replaces a product's fields, moving its version, and refuses a stale If-Match version with the current one named", async () => {
    const created = await Products.create(input());
    const later = new Date("2026-12-03T10:00:00.000Z");
    const replaced = await Products.replace(created.id, input({ name: "Renamed", stock: 3 }), later, 1);
    expect(replaced).toMatchObject({ id: created.id, name: "Renamed", stock: 3, version: 2, createdAt: created.createdAt, updatedAt: later.toISOString() });
    await expect(Products.replace(created.id, input({ name: "Stale" }), later, 1)).rejects.toThrow(new PreconditionFailedError(`Product ${created.id} is at version 2; fetch it again and reapply your change.`));
    // Without If-Match the write applies to whatever version is current.
    expect((await Products.replace(created.id, input({ name: "Latest" }))).version).toBe(3);
    expect((await Products.get(created.id)).name).toBe("Latest");
    await expect(Products.replace(newId(), input())).rejects.toThrow(NotFoundError);
  });

  it("imports a catalogue whole, past one batch's 25 items, each product as a single create makes it and in the order given", async () => {
    const now = new Date("2026-12-03T11:00:00.000Z");
    const inputs = Array.from({ length: 27 }, (_, index) => input({ name: `Imported ${index} ${randomUUID()}`, stock: index }));
    const imported = await Products.createMany(inputs, now);
    expect(imported.map((product) => product.name)).toEqual(inputs.map((each) => each.name));
    expect([...imported.map((product) => product.id)].sort()).toEqual(imported.map((product) => product.id));
    for (const [index, product] of imported.entries()) {
      expect(product).toEqual({ ...inputs[index], id: product.id, version: 1, createdAt: now.toISOString(), updatedAt: now.toISOString(), images: [] });
      expect(await Products.get(product.id)).toEqual(product);
    }
    // Listed in the catalogue (its index), in the order given.
    const listed: string[] = [];
    for (let cursor: string | undefined, pages = 0; pages < 100; pages++) {
      const page = await Products.list(100, cursor);
      listed.push(...page.items.map((product) => product.id));
      cursor = page.cursor ?? undefined;
      if (!cursor) break;
    }
    const ids = imported.map((product) => product.id);
    expect(listed.filter((id) => ids.includes(id))).toEqual(ids);
  });

  it("deletes a product once", async () => {
    const created = await Products.create(input());
    await Products.remove(created.id);
    await expect(Products.get(created.id)).rejects.toThrow(NotFoundError);
    await expect(Products.remove(created.id)).rejects.toThrow(NotFoundError);
  });

  it("sets stock for a partner key, keeping the rest of the product, and audits each write newest first", async () => {
    const created = await Products.create(input({ stock: 7 }));
    const first = await Products.setStock(partner, created.id, 12, new Date("2026-12-03T11:00:00.000Z"));
    expect(first).toMatchObject({ name: created.name, description: created.description, price: created.price, stock: 12, version: 2 });
    await Products.setStock(partner, created.id, 0, new Date("2026-12-03T11:05:00.000Z"));
    const audit = await Products.stockAudit(created.id);
    expect(audit.items.map(({ keyId, previousStock, stock, version, at }) => ({ keyId, previousStock, stock, version, at }))).toEqual([
      { keyId: partner.keyId, previousStock: 12, stock: 0, version: 3, at: "2026-12-03T11:05:00.000Z" },
      { keyId: partner.keyId, previousStock: 7, stock: 12, version: 2, at: "2026-12-03T11:00:00.000Z" },
    ]);
    expect(audit.items.every((entry) => entry.productId === created.id)).toBe(true);
    expect(audit.cursor).toBeNull();
    const page = await Products.stockAudit(created.id, 1);
    expect(page.items.map((entry) => entry.stock)).toEqual([0]);
    expect((await Products.stockAudit(created.id, 1, page.cursor!)).items.map((entry) => entry.stock)).toEqual([12]);
    // A cursor of one product's trail is not one of another's, and a missing product has no trail.
    const other = await Products.create(input());
    await expect(Products.stockAudit(other.id, 1, page.cursor!)).rejects.toThrow(ValidationError);
    await expect(Products.stockAudit(newId())).rejects.toThrow(NotFoundError);
    await expect(Products.setStock(partner, newId(), 1)).rejects.toThrow(NotFoundError);
  });

  it("reads many products at once by id, leaving out the ones that do not exist", async () => {
    const created = await Promise.all(Array.from({ length: 3 }, () => Products.create(input())));
    const missing = newId();
    const found = await Products.getProducts([...created.map((product) => product.id), missing]);
    expect([...found.keys()].sort()).toEqual(created.map((product) => product.id).sort());
    expect(found.get(created[1]!.id)).toEqual(created[1]);
    expect(await Products.getProducts([])).toEqual(new Map());
  });

  it("lists the catalogue a page at a time", async () => {
    await Promise.all([Products.create(input()), Products.create(input())]);
    const first = await Products.list(1);
    expect(first.items).toHaveLength(1);
    const second = await Products.list(1, first.cursor!);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });
});
