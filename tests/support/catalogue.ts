import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { setSimulatedPayment, type SimulatedPayment } from "@emporium/core/fulfilment";
import type { Product } from "@emporium/core/products";
import { post } from "./http";
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
 */
export async function createProduct(
  overrides: Partial<Pick<Product, "name" | "price" | "stock" | "description">> = {},
  payment: TestPayment = "unavailable",
): Promise<Product> {
  const response = await post<Product>(
    "/products",
    { name: `Test product ${randomUUID()}`, price: { amount: 1000, currency: "EUR" }, stock: 50, ...overrides },
    { token: await adminToken() },
  );
  expect(response.status, response.text).toBe(201);
  await setSimulatedPayment(
    response.body.id,
    payment === "approve" ? undefined : typeof payment === "object" ? { outcome: "slow", delayMs: payment.slowMs } : ({ outcome: payment } as SimulatedPayment),
  );
  return response.body;
}
