import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { setSimulatedPayment, type SimulatedPayment } from "@emporium/core/fulfilment";
import type { Product } from "@emporium/core/products";
import { holdOrdersOf } from "./held-products";
import { post } from "./http";
import { offlineStack, remote } from "./target";
import { adminToken } from "./users";

/**
 * How the simulated payment provider treats orders of a test product (see
 * packages/core/src/fulfilment/simulator.ts): `approve` (the order is confirmed), `decline`
 * (it ends PAYMENT_FAILED), `unavailable` (the provider cannot be reached: the order stays
 * PENDING, its fulfilment retried then dead-lettered), or slow approval.
 */
export type TestPayment = "approve" | SimulatedPayment["outcome"] | { slowMs: number };

/**
 * A product of the test's own, created through the API by the seeded admin. By default the
 * simulated provider is unreachable for it, so orders of it stay PENDING while a test looks at
 * them instead of being confirmed by the event pipeline behind its back; tests that want the
 * pipeline to confirm or decline say so with `payment`.
 *
 * The simulation is a table write, so only offline: a remote run creates products that the
 * provider approves, refuses an explicit other `payment`, and refuses to order a product created
 * with the default (see ./held-products.ts), so tests that need either are tagged offlineOnly.
 */
export async function createProduct(
  overrides: Partial<Pick<Product, "name" | "price" | "stock" | "description">> = {},
  payment?: TestPayment,
): Promise<Product> {
  if (payment !== undefined && payment !== "approve") offlineStack("The payment simulation");
  const response = await post<Product>(
    "/products",
    { name: `Test product ${randomUUID()}`, price: { amount: 1000, currency: "EUR" }, stock: 50, ...overrides },
    { token: await adminToken() },
  );
  expect(response.status, response.text).toBe(201);
  if (remote) {
    if (payment === undefined) holdOrdersOf(response.body.id);
    return response.body;
  }
  payment ??= "unavailable";
  await setSimulatedPayment(
    response.body.id,
    payment === "approve" ? undefined : typeof payment === "object" ? { outcome: "slow", delayMs: payment.slowMs } : ({ outcome: payment } as SimulatedPayment),
  );
  return response.body;
}
