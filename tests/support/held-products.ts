import { OfflineHookError, remote } from "./target";

/**
 * Test products whose orders must stay PENDING while a test looks at them (see createProduct).
 * Offline the payment simulation holds them; a remote run cannot set it (it is a table write, an
 * offline hook), so there the product is created as usual and an order for it is refused before
 * it is sent: otherwise the pipeline would confirm it behind the test's back, sometimes.
 */
const held = new Set<string>();

export function holdOrdersOf(productId: string): void {
  if (remote) held.add(productId);
}

export function refuseHeldOrders(method: string, path: string, json: unknown): void {
  if (!remote || method !== "POST" || path.split("?")[0] !== "/orders") return;
  const lines = (json as { lines?: { productId?: unknown }[] } | undefined)?.lines;
  if (Array.isArray(lines) && lines.some((line) => held.has(line?.productId as string))) {
    throw new OfflineHookError("Holding a test product's orders PENDING (the payment simulation)");
  }
}
