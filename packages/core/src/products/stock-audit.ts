import type { ApiClient } from "../auth";
import { newId } from "../ids";
import type { PageKey } from "../pagination";
import { queryPage } from "../table";
import type { Product, StockAuditEntry } from "./schema";

/**
 * The stock audit trail: one item per partner stock write, naming the API key that made it.
 * Written in the same transaction as the product (see repository.replaceProduct), so there is
 * no stock write without its entry. Ids are time-ordered, so the partition lists newest first.
 *   pk STOCKAUDIT#<productId>  sk <entry id>
 */
const partition = (productId: string) => `STOCKAUDIT#${productId}`;

export function stockAuditEntry(by: ApiClient, before: Product, after: Product): StockAuditEntry {
  return { id: newId(), productId: after.id, keyId: by.keyId, previousStock: before.stock, stock: after.stock, version: after.version, at: after.updatedAt };
}

export function stockAuditItem(entry: StockAuditEntry): Record<string, unknown> {
  return { pk: partition(entry.productId), sk: entry.id, ...entry };
}

export async function listStockAudit(productId: string, limit: number, startKey?: PageKey) {
  const page = await queryPage({ partition: ["pk", partition(productId)], descending: true, limit, startKey });
  return {
    items: page.items.map(({ id, productId, keyId, previousStock, stock, version, at }) => ({ id, productId, keyId, previousStock, stock, version, at }) as StockAuditEntry),
    lastKey: page.lastKey,
  };
}
