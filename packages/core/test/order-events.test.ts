import { describe, expect, it } from "vitest";
import { eventsFromOrderChange, readOrderEvent } from "../src/events";
import { orderCsvRow, ORDER_CSV_HEADER } from "../src/exports/csv";
import { renderOrderMail } from "../src/notifications/render";
import type { Order } from "../src/orders";
import type { OrderEvent } from "../src/events";

const order: Order = {
  id: "01JC0000000000000000000000",
  userId: "user-1",
  status: "PENDING",
  total: { amount: 1_250, currency: "EUR" },
  lineCount: 2,
  version: 1,
  createdAt: "2026-12-03T10:00:00.000Z",
  updatedAt: "2026-12-03T10:00:00.000Z",
};
const lines = [
  { productId: "P1", quantity: 2, lineTotal: { amount: 1_000, currency: "EUR" } },
  { productId: "P2", quantity: 1, lineTotal: { amount: 250, currency: "EUR" } },
];
const item = (changes: Partial<Order> = {}) => ({ pk: `ORDER#${order.id}`, sk: "ORDER", ...order, ...changes, lines });

describe("events from order changes", () => {
  it("makes a new order item one order.created event, identified by the order's version", () => {
    expect(eventsFromOrderChange(undefined, item())).toEqual([
      {
        type: "order.created",
        version: 1,
        id: `${order.id}:v1`,
        occurredAt: order.updatedAt,
        data: { orderId: order.id, userId: "user-1", status: "PENDING", total: order.total, createdAt: order.createdAt, lines },
      },
    ]);
  });

  it("makes a change of status one order.status_changed event naming both statuses, and other changes none", () => {
    const moved = item({ status: "CONFIRMED", version: 2, updatedAt: "2026-12-03T10:01:00.000Z" });
    expect(eventsFromOrderChange(item(), moved)).toEqual([
      expect.objectContaining({ type: "order.status_changed", id: `${order.id}:v2`, occurredAt: "2026-12-03T10:01:00.000Z", data: expect.objectContaining({ status: "CONFIRMED", previousStatus: "PENDING" }) }),
    ]);
    expect(eventsFromOrderChange(item(), item({ version: 2 }))).toEqual([]);
    expect(eventsFromOrderChange(item(), undefined)).toEqual([]);
  });

  it("refuses to publish an event the contract does not accept", () => {
    expect(() => eventsFromOrderChange(undefined, item({ total: { amount: -1, currency: "EUR" } }))).toThrow();
    expect(() => eventsFromOrderChange(undefined, { ...item(), lines: [{ productId: "P1", quantity: 0, lineTotal: { amount: 0, currency: "EUR" } }] })).toThrow();
  });

  it("reads an event back from a message body, and refuses one of another version", () => {
    const [event] = eventsFromOrderChange(undefined, item());
    expect(readOrderEvent(JSON.stringify(event))).toEqual(event);
    expect(() => readOrderEvent(JSON.stringify({ ...event, version: 2 }))).toThrow();
    expect(() => readOrderEvent(JSON.stringify({ ...event, type: "order.deleted" }))).toThrow();
  });
});

describe("order mails", () => {
  const event = (type: OrderEvent["type"], status: Order["status"], eventLines = lines): OrderEvent => ({
    type,
    version: 1,
    id: `${order.id}:v2`,
    occurredAt: order.updatedAt,
    data: { orderId: order.id, userId: "user-1", status, total: order.total, createdAt: order.createdAt, lines: eventLines },
  });

  it("thanks the customer for a new order, by name when known, with the items and the total in major units", () => {
    expect(renderOrderMail(event("order.created", "PENDING"), "Ada")).toEqual({
      subject: `We received your order ${order.id}`,
      text: `Hello Ada,\n\nThank you for your order ${order.id} (2 items, total 12.50 EUR). We will let you know when it is confirmed.\n\nEmporium`,
    });
    expect(renderOrderMail(event("order.created", "PENDING", lines.slice(0, 1)), null)?.text).toMatch(/^Hello,\n\n.*\(1 item, total 12\.50 EUR\)/);
  });

  it("tells each later status with its own subject, and nothing for a change back to PENDING", () => {
    const confirmed = renderOrderMail(event("order.status_changed", "CONFIRMED"), null);
    expect(confirmed?.subject).toBe(`Your order ${order.id} is confirmed`);
    expect(confirmed?.text).toContain("is confirmed: payment went through and we are preparing it.");
    expect(renderOrderMail(event("order.status_changed", "PAYMENT_FAILED"), null)?.subject).toBe(`Your order ${order.id} could not be completed`);
    expect(renderOrderMail(event("order.status_changed", "SHIPPED"), null)?.subject).toBe(`Your order ${order.id} has shipped`);
    expect(renderOrderMail(event("order.status_changed", "EXPIRED"), null)?.text).toContain("nothing was charged");
    expect(renderOrderMail(event("order.status_changed", "PENDING"), null)).toBeUndefined();
  });
});

describe("order CSV rows", () => {
  it("writes the header's fields in order, quoting only fields that need it", () => {
    expect(ORDER_CSV_HEADER).toEqual(["id", "userId", "status", "totalAmount", "currency", "lineCount", "createdAt", "updatedAt"]);
    expect(orderCsvRow(order)).toBe(`${order.id},user-1,PENDING,1250,EUR,2,${order.createdAt},${order.updatedAt}`);
    expect(orderCsvRow({ ...order, userId: 'a,"b"\nc' })).toBe(`${order.id},"a,""b""\nc",PENDING,1250,EUR,2,${order.createdAt},${order.updatedAt}`);
    expect(orderCsvRow({ ...order, userId: "line\rbreak" })).toContain(`,"line\rbreak",`);
  });
});
