import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { Product } from "@emporium/core/products";
import { post } from "./http";
import { adminToken } from "./users";

/** A product of the test's own, created through the API by the seeded admin. */
export async function createProduct(overrides: Partial<Pick<Product, "name" | "price" | "stock" | "description">> = {}): Promise<Product> {
  const response = await post<Product>(
    "/products",
    { name: `Test product ${randomUUID()}`, price: { amount: 1250, currency: "EUR" }, stock: 50, ...overrides },
    { token: await adminToken() },
  );
  expect(response.status, response.text).toBe(201);
  return response.body;
}
