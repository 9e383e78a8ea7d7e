/**
 * Money limits end to end: whatever the API accepts (201) yields an event the contract accepts,
 * and whatever it refuses for the limit is a 422 naming the field, with nothing taken. Prices
 * sit near the limit so both sides are reached; the service-level property with many more runs
 * is packages/core/test/order-contract.property.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventsFromOrderChange } from "@emporium/core/events";
import { MAX_AMOUNT } from "@emporium/core/money";
import { orderItem } from "../../packages/core/src/orders/repository";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { newUser } from "../support/users";
import { offlineOnly } from "../support/target";

describe("money limits over HTTP", offlineOnly, () => {
  it("every order the API accepts produces an event the contract accepts; every refusal names the field", async () => {
    const user = await newUser();
    const outcomes = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            price: fc.oneof(fc.constant(MAX_AMOUNT), fc.integer({ min: Math.floor(MAX_AMOUNT / 4), max: MAX_AMOUNT }), fc.integer({ min: 1, max: 100_000 })),
            quantity: fc.oneof(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 1000 })),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (lines) => {
          const products = await Promise.all(lines.map((line) => createProduct({ price: { amount: line.price, currency: "EUR" }, stock: 1000 })));
          const placed = await post(
            "/orders",
            { lines: lines.map((line, i) => ({ productId: products[i]!.id, quantity: line.quantity })) },
            { token: user.accessToken },
          );
          if (placed.status === 201) {
            outcomes.accepted++;
            const { lines: orderLines, ...order } = placed.body;
            expect(() => eventsFromOrderChange(undefined, orderItem(order, orderLines))).not.toThrow();
            return;
          }
          expect(placed.status, placed.text).toBe(422);
          outcomes.refused++;
          for (const issue of placed.body.errors) expect(issue.path).toMatch(/^lines(\.\d\.quantity)?$/);
          for (const product of products) expect((await get(`/products/${product.id}`)).body).toMatchObject({ stock: 1000, version: 1 });
        },
      ),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), verbose: true },
    );
    console.log(`money limits over HTTP: ${JSON.stringify(outcomes)}`);
    expect(outcomes.accepted + outcomes.refused).toBe(12);
  }, 120_000);
});
