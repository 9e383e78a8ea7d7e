import { describe, expect, it } from "vitest";
import type { OrderEvent } from "../src/events/contract";
import { MAX_STREAM_RECORD_BYTES, packForStream, readStreamRecord } from "../src/events/stream-records";

function event(index: number, padding = 0): OrderEvent {
  const orderId = `order-${index}`;
  return {
    type: "order.created",
    version: 1,
    id: `${orderId}:v1`,
    occurredAt: "2026-12-03T10:00:00.000Z",
    data: {
      orderId,
      userId: `user-${"u".repeat(padding)}`,
      status: "PENDING",
      total: { amount: 100, currency: "EUR" },
      createdAt: "2026-12-03T10:00:00.000Z",
      lines: [{ productId: "product-1", quantity: 1, lineTotal: { amount: 100, currency: "EUR" } }],
    },
  };
}

describe("analytics stream records", () => {
  it("pack a batch's events into one record, in order, keyed by the first order, and read back alike", () => {
    const events = Array.from({ length: 50 }, (_, index) => event(index));
    const records = packForStream(events);
    expect(records).toHaveLength(1);
    expect(records[0]!.partitionKey).toBe("order-0");
    expect(readStreamRecord(records[0]!.data)).toEqual(events);
  });

  it("start a new record before one would pass the size limit", () => {
    // Each event about 300 KB: three fit under the limit, the fourth starts the next record.
    const events = Array.from({ length: 7 }, (_, index) => event(index, 300_000));
    const records = packForStream(events);
    expect(records.map((record) => record.events.length)).toEqual([3, 3, 1]);
    for (const record of records) expect(Buffer.byteLength(record.data)).toBeLessThanOrEqual(MAX_STREAM_RECORD_BYTES);
    expect(records.flatMap((record) => readStreamRecord(record.data))).toEqual(events);
    expect(records.map((record) => record.partitionKey)).toEqual(["order-0", "order-3", "order-6"]);
  });

  it("read a record written before packing (one event object), and refuse an empty or invalid one", () => {
    expect(readStreamRecord(JSON.stringify(event(1)))).toEqual([event(1)]);
    expect(() => readStreamRecord("[]")).toThrow();
    expect(() => readStreamRecord(JSON.stringify([event(1), { ...event(2), version: 2 }]))).toThrow();
    expect(packForStream([])).toEqual([]);
  });
});
