/**
 * Every order the order service accepts produces an event the contract accepts: the service
 * prices with `priceOrder` (the API validates with `placeOrderSchema` first), the stream
 * carries the order item, and `eventsFromOrderChange` validates against the contract. Prices
 * lean towards the money limit, so both sides of it are reached.
 */
import fc from "fast-check";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors";
import { eventsFromOrderChange } from "../src/events/from-order-change";
import { MAX_AMOUNT } from "../src/money";
import { priceOrder } from "../src/orders/pricing";
import { orderItem } from "../src/orders/repository";
import { MAX_LINES, MAX_QUANTITY, placeOrderSchema } from "../src/orders/schema";

const ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const productId = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 26, maxLength: 26 });
const price = fc.oneof(
  fc.integer({ min: 0, max: MAX_AMOUNT }),
  fc.constant(MAX_AMOUNT),
  fc.integer({ min: Math.floor(MAX_AMOUNT / 1000), max: MAX_AMOUNT }),
  fc.integer({ min: 0, max: 10_000 }),
);
const quantity = fc.oneof(fc.integer({ min: 1, max: MAX_QUANTITY }), fc.constantFrom(1, 2, MAX_QUANTITY));

const order = fc
  .uniqueArray(fc.record({ productId, quantity, price }), { minLength: 1, maxLength: MAX_LINES, selector: (line) => line.productId })
  .map((lines) => ({
    input: { lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) },
    products: new Map(lines.map((line) => [line.productId, { name: `Product ${line.productId}`, price: { amount: line.price, currency: "EUR" }, stock: MAX_QUANTITY }])),
  }));

describe("orders and the event contract", () => {
  it("every accepted order yields a valid order.created event; every refusal names the field", () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(order, ({ input, products }) => {
        const valid = v.parse(placeOrderSchema, input);
        let priced: ReturnType<typeof priceOrder>;
        try {
          priced = priceOrder(valid, products, { id: "01JC0000000000000000000000", userId: "user-1" }, "2026-12-03T10:00:00.000Z");
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          for (const issue of (error as ValidationError).issues) expect(issue.path).toMatch(/^lines(\.\d+\.quantity)?$/);
          refused++;
          return;
        }
        accepted++;
        const [event] = eventsFromOrderChange(undefined, orderItem(priced.order, priced.lines));
        expect(event).toMatchObject({ type: "order.created", data: { total: priced.order.total } });
      }),
      { numRuns: 400, verbose: true },
    );
    console.log(`orders accepted: ${accepted}, refused at the money limit: ${refused}`);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it("accepts an order exactly at the limit and refuses one minor unit more", () => {
    const products = new Map([
      ["A".repeat(26), { name: "a", price: { amount: MAX_AMOUNT - 1, currency: "EUR" }, stock: 5 }],
      ["B".repeat(26), { name: "b", price: { amount: 1, currency: "EUR" }, stock: 5 }],
    ]);
    const identity = { id: "01JC0000000000000000000000", userId: "u" };
    const exact = priceOrder({ lines: [{ productId: "A".repeat(26), quantity: 1 }, { productId: "B".repeat(26), quantity: 1 }] }, products, identity, "2026-12-03T10:00:00.000Z");
    expect(exact.order.total.amount).toBe(MAX_AMOUNT);
    expect(() => eventsFromOrderChange(undefined, orderItem(exact.order, exact.lines))).not.toThrow();
    expect(() => priceOrder({ lines: [{ productId: "A".repeat(26), quantity: 1 }, { productId: "B".repeat(26), quantity: 2 }] }, products, identity, "2026-12-03T10:00:00.000Z")).toThrow(
      ValidationError,
    );
  });
});
