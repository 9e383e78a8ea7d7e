import { describe, expect, it } from "vitest";
import type { Context } from "aws-lambda";
import * as Analytics from "@emporium/core/analytics";
import * as Events from "@emporium/core/events";
import { handler as salesAnalytics } from "@emporium/functions/consumers/sales-analytics";
import { newId } from "@emporium/core/ids";
import { salesOf } from "../support/pipeline";
import { kinesisEvent, orderEvent } from "./consumer-events";

const context = { awsRequestId: "c0ffee00-0000-4000-8000-000000000001", functionName: "test", getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const DAY = "2026-11-21";

describe("sales analytics counts a batch in as few writes as it can", () => {
  it("adds up several orders of one product in one counter update, and counts each event once within and across batches", async () => {
    const productId = newId();
    const first = orderEvent({ productId, quantity: 1, amount: 100 });
    const second = orderEvent({ productId, quantity: 2, amount: 100 });
    const delivery = kinesisEvent([first, second, first].map((event) => JSON.stringify(event)));
    expect(await salesAnalytics(delivery, context)).toEqual({ batchItemFailures: [] });
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 3, revenue: { amount: 300, currency: "EUR" }, orders: 2 }]);

    // A redelivered batch with one new event: the counted ones are duplicates, the new one counts.
    const third = orderEvent({ productId, quantity: 4, amount: 100 });
    const again = await Analytics.countAll([first, third, second]);
    expect(Object.fromEntries(again)).toEqual({ [first.id]: "duplicate", [third.id]: "counted", [second.id]: "duplicate" });
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 7, revenue: { amount: 700, currency: "EUR" }, orders: 3 }]);
  });

  it("counts every event of a packed record, and fails only the record holding an unreadable event", async () => {
    const productId = newId();
    const events = [1, 2, 3].map((quantity) => orderEvent({ productId, quantity, amount: 100 }));
    const [packed] = Events.packForStream(events);
    const bad = JSON.stringify([orderEvent({ productId }), { type: "order.created", version: 2 }]);
    const delivery = kinesisEvent([packed!.data, bad]);
    expect(await salesAnalytics(delivery, context)).toEqual({ batchItemFailures: [{ itemIdentifier: delivery.Records[1]!.kinesis.sequenceNumber }] });
    // The bad record counted nothing, not even its readable event: it is retried whole.
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 6, revenue: { amount: 600, currency: "EUR" }, orders: 3 }]);
  });

  it("splits a batch whose markers and counters exceed one transaction's 100 actions", async () => {
    const events = Array.from({ length: 60 }, () => orderEvent({ quantity: 1, amount: 10 }));
    const results = await Analytics.countAll(events);
    expect([...results.values()]).toEqual(Array(60).fill("counted"));
    const productId = events[59]!.data.lines[0]!.productId;
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 1, revenue: { amount: 10, currency: "EUR" }, orders: 1 }]);
  });

  it("ignores events that move no counter", async () => {
    const confirmed = orderEvent({ type: "order.status_changed", status: "CONFIRMED", version: 2 });
    expect(Object.fromEntries(await Analytics.countAll([confirmed]))).toEqual({ [confirmed.id]: "ignored" });
  });
});
