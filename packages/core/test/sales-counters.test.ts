/**
 * Sales counters against the real table: what each order event adds or takes back, per
 * product, day and currency; duplicates counted once; reports by product or by day range.
 */
import { randomInt } from "node:crypto";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { countAll, read, salesQuerySchema } from "../src/analytics";
import type { OrderEvent } from "../src/events";
import { newId } from "../src/ids";

/** A day of the 1800s no other test counts sales on. */
const quietDay = () => new Date(Date.UTC(1800, 0, 1) + randomInt(0, 36_500) * 86_400_000).toISOString().slice(0, 10);

const event = (type: OrderEvent["type"], status: OrderEvent["data"]["status"], day: string, lines: OrderEvent["data"]["lines"], orderId = newId(), version = 1): OrderEvent => ({
  type,
  version: 1,
  id: `${orderId}:v${version}`,
  occurredAt: `${day}T10:00:00.000Z`,
  data: { orderId, userId: "test-sales", status, total: { amount: 0, currency: "EUR" }, createdAt: `${day}T09:00:00.000Z`, lines },
});
const line = (productId: string, quantity: number, amount: number, currency = "EUR") => ({ productId, quantity, lineTotal: { amount, currency } });

describe("sales counters", () => {
  it("counts created orders per product, day and currency, takes back unpaid ends, and ignores other changes", async () => {
    const [a, b] = [newId(), newId()];
    const day = quietDay();
    const first = event("order.created", "PENDING", day, [line(a, 2, 1_000), line(b, 1, 300)]);
    const second = event("order.created", "PENDING", day, [line(a, 1, 500), line(a, 3, 9, "USD")]);
    const results = await countAll([first, second, first]);
    expect(Object.fromEntries(results)).toEqual({ [first.id]: "counted", [second.id]: "counted" });
    // The copy within the batch was counted once (below); a redelivery later is a duplicate.
    expect(Object.fromEntries(await countAll([first]))).toEqual({ [first.id]: "duplicate" });

    const report = async (productId: string) => (await read({ from: day, to: day, productId })).items;
    expect(await report(a)).toEqual([
      { productId: a, day, quantity: 3, revenue: { amount: 1_500, currency: "EUR" }, orders: 2 },
      { productId: a, day, quantity: 3, revenue: { amount: 9, currency: "USD" }, orders: 1 },
    ]);
    expect(await report(b)).toEqual([{ productId: b, day, quantity: 1, revenue: { amount: 300, currency: "EUR" }, orders: 1 }]);

    const cancelled = event("order.status_changed", "CANCELLED", day, [line(b, 1, 300)], first.data.orderId, 2);
    const confirmed = event("order.status_changed", "CONFIRMED", day, [line(a, 2, 1_000)], second.data.orderId, 2);
    const empty = event("order.created", "PENDING", day, []);
    expect(Object.fromEntries(await countAll([cancelled, confirmed, empty]))).toEqual({ [cancelled.id]: "counted", [confirmed.id]: "ignored", [empty.id]: "ignored" });
    expect(await report(b)).toEqual([{ productId: b, day, quantity: 0, revenue: { amount: 0, currency: "EUR" }, orders: 0 }]);
    expect((await report(a))[0]).toMatchObject({ quantity: 3, orders: 2 });
  });

  it("reports every product of a day range in day order, a page at a time", async () => {
    const day = quietDay();
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const [a, b] = [newId(), newId()];
    await countAll([event("order.created", "PENDING", day, [line(a, 1, 100)]), event("order.created", "PENDING", next, [line(b, 2, 200)])]);
    const both = await read({ from: day, to: next });
    expect(both.items.filter((item) => [a, b].includes(item.productId)).map((item) => [item.day, item.productId])).toEqual([
      [day, a],
      [next, b],
    ]);
    const one = await read({ from: next, to: next, productId: b });
    expect(one.items.map((item) => item.quantity)).toEqual([2]);
    const page = await read({ from: day, to: next, limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.cursor).toEqual(expect.any(String));
  });

  it("counts batches larger than one transaction holds", async () => {
    const day = quietDay();
    const product = newId();
    // 60 orders of two products each: markers and counters exceed 100 actions, so two transactions.
    const events = Array.from({ length: 60 }, () => event("order.created", "PENDING", day, [line(product, 1, 10), line(newId(), 1, 10)]));
    const results = await countAll(events);
    expect([...results.values()].every((result) => result === "counted")).toBe(true);
    expect((await read({ from: day, to: day, productId: product })).items[0]).toMatchObject({ quantity: 60, orders: 60, revenue: { amount: 600 } });
  });

  it("takes a range of at most 366 days that does not end before it starts", () => {
    const why = (query: Record<string, string>) => v.safeParse(salesQuerySchema, query).issues?.map((issue) => [issue.path?.map((item) => item.key).join("."), issue.message]);
    expect(why({ from: "2024-01-01", to: "2024-12-31" })).toBeUndefined();
    expect(why({ from: "2024-01-01", to: "2025-01-01" })).toEqual([["to", "the range must not exceed 366 days"]]);
    expect(why({ from: "2024-01-02", to: "2024-01-01" })).toEqual([["from", "must not be after `to`"]]);
    expect(why({ from: "2024-01-01", to: "2024-01-01" })).toBeUndefined();
    expect(v.parse(salesQuerySchema, { from: "2024-01-01", to: "2024-01-02", limit: "1000" }).limit).toBe(1000);
    expect(v.is(salesQuerySchema, { from: "2024-01-01", to: "2024-01-02", limit: "1001" })).toBe(false);
    expect(v.is(salesQuerySchema, { from: "2024-01-01", to: "2024-01-02", limit: "0" })).toBe(false);
  });
});
