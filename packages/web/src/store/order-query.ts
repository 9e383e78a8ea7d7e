import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { Order } from "../api/types";

/**
 * Reads an order, conditionally: the ETag of the copy already held goes out as If-None-Match,
 * and a 304 (unchanged) keeps that copy, so polling costs the API no body and the page no render.
 */
const etags = new Map<string, string>();

export async function fetchOrder(id: string, held: Order | undefined): Promise<Order> {
  const etag = held ? etags.get(id) : undefined;
  const result = await api.GET("/orders/{id}", { params: { path: { id } }, headers: etag ? { "if-none-match": etag } : {} });
  if (result.response.status === 304 && held) return held;
  const order = unwrap(result);
  const fresh = result.response.headers.get("etag");
  if (fresh) etags.set(id, fresh);
  return order;
}

export function forgetOrderVersion(id: string): void {
  etags.delete(id);
}
