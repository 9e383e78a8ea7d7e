/**
 * Pricing and the order request's rules as pure functions: each refusal names its field and says
 * why. The property tests (./order-contract.property.test.ts) cover the money limit at random.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ConflictError, ValidationError } from "../src/errors";
import { MAX_AMOUNT } from "../src/money";
import { priceOrder } from "../src/orders/pricing";
import { orderItem } from "../src/orders/repository";
import { MAX_LINES, MAX_QUANTITY, orderSearchSchema, placeOrderSchema } from "../src/orders/schema";

const [A, B, C] = ["A", "B", "C"].map((letter) => letter.repeat(26)) as [string, string, string];
const identity = { id: "01JC0000000000000000000000", userId: "user-1" };
const at = "2026-12-03T10:00:00.000Z";
const catalogue = (entries: [string, number, number, string?][]) =>
  new Map(entries.map(([id, amount, stock, currency = "EUR"]) => [id, { name: `Product ${id[0]}`, price: { amount, currency }, stock }]));
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
};

describe("pricing an order", () => {
  it("makes a PENDING order at version 1 whose total is the sum of its lines", () => {
    const { order, lines } = priceOrder({ lines: [{ productId: A, quantity: 2 }, { productId: B, quantity: 1 }] }, catalogue([[A, 150, 5], [B, 99, 1]]), identity, at);
    expect(order).toEqual({ ...identity, status: "PENDING", total: { amount: 399, currency: "EUR" }, lineCount: 2, version: 1, createdAt: at, updatedAt: at });
    expect(lines.map((line) => [line.name, line.unitPrice.amount, line.lineTotal.amount])).toEqual([
      ["Product A", 150, 300],
      ["Product B", 99, 99],
    ]);
  });

  it("names every product that does not exist", () => {
    expect(issuesOf(() => priceOrder({ lines: [{ productId: C, quantity: 1 }, { productId: A, quantity: 1 }, { productId: B, quantity: 1 }] }, catalogue([[A, 1, 1]]), identity, at))).toEqual([
      { path: "lines.0.productId", message: "does not exist" },
      { path: "lines.2.productId", message: "does not exist" },
    ]);
  });

  it("sells the whole stock but not one more, saying how much is left", () => {
    expect(priceOrder({ lines: [{ productId: A, quantity: 3 }] }, catalogue([[A, 1, 3]]), identity, at).order.total.amount).toBe(3);
    expect(() => priceOrder({ lines: [{ productId: A, quantity: 4 }] }, catalogue([[A, 1, 3]]), identity, at)).toThrow(
      new ConflictError(`Not enough stock for product ${A}: 3 left, 4 requested.`),
    );
  });

  it("refuses lines in more than one currency", () => {
    expect(issuesOf(() => priceOrder({ lines: [{ productId: A, quantity: 1 }, { productId: B, quantity: 1 }] }, catalogue([[A, 1, 1], [B, 1, 1, "USD"]]), identity, at))).toEqual([
      { path: "lines", message: "must all be priced in the same currency" },
    ]);
  });

  it("refuses a line total or an order total beyond the money limit, naming the line or the order", () => {
    expect(issuesOf(() => priceOrder({ lines: [{ productId: A, quantity: 1 }, { productId: B, quantity: 2 }] }, catalogue([[A, 1, 9], [B, MAX_AMOUNT, 9]]), identity, at))).toEqual([
      { path: "lines.1.quantity", message: `makes the line total exceed the limit of ${MAX_AMOUNT} minor units` },
    ]);
    expect(issuesOf(() => priceOrder({ lines: [{ productId: A, quantity: 1 }, { productId: B, quantity: 1 }] }, catalogue([[A, 1, 9], [B, MAX_AMOUNT, 9]]), identity, at))).toEqual([
      { path: "lines", message: `make the order total exceed the limit of ${MAX_AMOUNT} minor units` },
    ]);
  });
});

describe("the order's table item", () => {
  it("keys the order by id, by user and by status and creation time, and carries its lines in brief", () => {
    const { order, lines } = priceOrder({ lines: [{ productId: A, quantity: 2 }] }, catalogue([[A, 150, 5]]), identity, at);
    expect(orderItem(order, lines)).toEqual({
      pk: `ORDER#${identity.id}`,
      sk: "ORDER",
      gsi1pk: "USER#user-1",
      gsi1sk: `ORDER#${identity.id}`,
      gsi2pk: "STATUS#PENDING",
      gsi2sk: `${at}#${identity.id}`,
      type: "order",
      ...order,
      lines: [{ productId: A, quantity: 2, lineTotal: { amount: 300, currency: "EUR" } }],
    });
  });
});

describe("the order request", () => {
  const why = (schema: v.GenericSchema, input: unknown) => v.safeParse(schema, input).issues?.map((issue) => issue.message);

  it("takes one to MAX_LINES distinct products, each a whole quantity from 1 to MAX_QUANTITY", () => {
    const line = (index: number, quantity = 1) => ({ productId: index.toString().padStart(26, "0"), quantity });
    expect(v.is(placeOrderSchema, { lines: [line(1, MAX_QUANTITY)] })).toBe(true);
    expect(v.is(placeOrderSchema, { lines: Array.from({ length: MAX_LINES }, (_, i) => line(i)) })).toBe(true);
    expect(v.is(placeOrderSchema, { lines: Array.from({ length: MAX_LINES + 1 }, (_, i) => line(i)) })).toBe(false);
    expect(why(placeOrderSchema, { lines: [] })).toEqual(["must contain at least one line"]);
    expect(why(placeOrderSchema, { lines: [line(1, 1.5)] })).toEqual(["must be a whole number"]);
    expect(v.is(placeOrderSchema, { lines: [line(1, 0)] })).toBe(false);
    expect(v.is(placeOrderSchema, { lines: [line(1, MAX_QUANTITY + 1)] })).toBe(false);
    expect(why(placeOrderSchema, { lines: [line(1), line(1, 2)] })).toEqual(["must not repeat a product"]);
    expect(why(placeOrderSchema, { lines: [{ productId: "not-an-id", quantity: 1 }] })).toEqual(["must be a valid id"]);
    expect(v.is(placeOrderSchema, { lines: [line(1)], total: 1 })).toBe(false);
  });

  it("searches one known status, between dates or timestamps", () => {
    expect(v.is(orderSearchSchema, { status: "PENDING", from: "2026-12-01", to: "2026-12-03T10:00:00Z" })).toBe(true);
    expect(why(orderSearchSchema, { status: "LOST" })).toEqual(["must be one of PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED, PAYMENT_FAILED, EXPIRED"]);
    expect(why(orderSearchSchema, { status: "PENDING", from: "yesterday" })).toEqual(["must be an ISO 8601 date or timestamp"]);
  });
});
