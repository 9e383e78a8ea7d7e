import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Product } from "@emporium/core/products";
import { post } from "./http";
import { adminToken } from "./users";

/**
 * A product of the test's own, created through the API by the seeded admin. Its default price,
 * 10.13, makes the simulated payment fail, so orders of it stay PENDING while a test looks at
 * them instead of being confirmed by the event pipeline behind its back; pipeline tests choose
 * their prices.
 */
export async function createProduct(overrides: Partial<Pick<Product, "name" | "price" | "stock" | "description">> = {}): Promise<Product> {
  const response = await post<Product>(
    "/products",
    { name: `Test product ${randomUUID()}`, price: { amount: 1013, currency: "EUR" }, stock: 50, ...overrides },
    { token: await adminToken() },
  );
  expect(response.status, response.text).toBe(201);
  return response.body;
}
