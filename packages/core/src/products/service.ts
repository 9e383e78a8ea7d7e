import type { ApiClient } from "../auth";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors";
import { newId } from "../ids";
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from "../pagination";
import { LOST_RACE, retryLostRaces } from "../table";
import * as repository from "./repository";
import type { NewProduct, Product, ProductReplacement, StockAuditEntry } from "./schema";
import { listStockAudit, stockAuditEntry, stockAuditItem } from "./stock-audit";

const notFound = (id: string) => new NotFoundError(`Product ${id} does not exist.`);
const stale = (id: string, version: number) =>
  new PreconditionFailedError(`Product ${id} is at version ${version}; fetch it again and reapply your change.`);

export async function get(id: string): Promise<Product> {
  const product = await repository.getProduct(id);
  if (!product) throw notFound(id);
  return product;
}

export async function list(limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<Product>> {
  const page = await repository.listProducts(limit, decodeCursor("products", cursor));
  return { items: page.items, cursor: encodeCursor("products", page.lastKey) };
}

/** A product as it is first written: a fresh id (ids sort in creation order), version 1, no images. */
function newProduct(input: NewProduct, now: Date): Product {
  const timestamp = now.toISOString();
  return { id: newId(), ...input, version: 1, createdAt: timestamp, updatedAt: timestamp, images: [] };
}

export async function create(input: NewProduct, now = new Date()): Promise<Product> {
  const product = newProduct(input, now);
  await repository.insertProduct(product);
  return product;
}

/**
 * A catalogue imported whole: each product as `create` makes it, ids in the order given (the
 * listing order), written in batches rather than one call each.
 */
export async function createMany(inputs: NewProduct[], now = new Date()): Promise<Product[]> {
  const products = inputs.map((input) => newProduct(input, now));
  await repository.insertProducts(products);
  return products;
}

/**
 * Replaces a product's editable fields. With `expectedVersion` (from If-Match) a product that
 * has moved on is refused with 412 and left as it is.
 */
export async function replace(id: string, input: ProductReplacement, now = new Date(), expectedVersion?: number): Promise<Product> {
  return rewrite(id, () => input, now, expectedVersion);
}

const REWRITE_ATTEMPTS = 5;

/**
 * Writes the fields `change` derives from the current product, in one read and one conditional
 * write. Orders move a product's version too (taking or giving back stock), so a write without
 * If-Match that lost such a race reads again and reapplies its change a few times; with
 * If-Match, any other version is a 412.
 */
async function rewrite(
  id: string,
  change: (current: Product) => ProductReplacement,
  now: Date,
  expectedVersion?: number,
  record?: (before: Product, after: Product) => Record<string, unknown>,
): Promise<Product> {
  const rewritten = await retryLostRaces(REWRITE_ATTEMPTS, async () => {
    const current = await get(id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(id, current.version);
    const product: Product = { ...current, ...change(current), version: current.version + 1, updatedAt: now.toISOString() };
    return (await repository.replaceProduct(product, current.version, record?.(current, product))) ? product : LOST_RACE;
  });
  if (rewritten !== LOST_RACE) return rewritten;
  const latest = await repository.getProduct(id);
  if (!latest) throw notFound(id);
  if (expectedVersion !== undefined) throw stale(id, latest.version);
  throw new ConflictError(`Product ${id} changed while it was being updated; retry.`);
}

export async function remove(id: string): Promise<void> {
  if (!(await repository.deleteProduct(id))) throw notFound(id);
}

/**
 * Sets the stock level (inventory sync by a partner's API key); the catalogue entry is otherwise
 * unchanged. The write and its audit entry naming the key are one transaction.
 */
export async function setStock(by: ApiClient, id: string, stock: number, now = new Date()): Promise<Product> {
  const change = (current: Product) => ({ name: current.name, description: current.description, price: current.price, stock });
  return rewrite(id, change, now, undefined, (before, after) => stockAuditItem(stockAuditEntry(by, before, after)));
}

/** A product's stock audit trail, newest first; 404 for a product that does not exist. */
export async function stockAudit(id: string, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<StockAuditEntry>> {
  const scope = `stock-audit:${id}`;
  const startKey = decodeCursor(scope, cursor);
  await get(id);
  const page = await listStockAudit(id, limit, startKey);
  return { items: page.items, cursor: encodeCursor(scope, page.lastKey) };
}
