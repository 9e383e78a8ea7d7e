/**
 * Fulfilment against the real table with the simulated payment provider: a new order is paid
 * and confirmed, a declined one fails and gives its stock back, and an order that ended unpaid
 * never keeps a payment.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Principal } from "../src/auth";
import { eventsFromOrderChange, type OrderEvent } from "../src/events";
import { fulfil, ledgerEntry, setSimulatedPayment } from "../src/fulfilment";
import { newId } from "../src/ids";
import * as Orders from "../src/orders";
import { orderItem } from "../src/orders/repository";
import * as Products from "../src/products";

const customer = (): Principal => ({ userId: `test-fulfilment-${randomUUID()}`, role: "customer", username: "cy" });
const product = () => Products.create({ name: `Kettle ${randomUUID()}`, description: "", price: { amount: 3_000, currency: "EUR" }, stock: 4 });
const created = (order: Orders.OrderWithLines): OrderEvent => eventsFromOrderChange(undefined, orderItem(order, order.lines))[0]!;

describe("fulfilment", () => {
  it("captures the payment and confirms a new order, once", async () => {
    const a = await product();
    const order = await Orders.place(customer(), { lines: [{ productId: a.id, quantity: 2 }] });
    expect(await fulfil(created(order))).toBe("confirmed");
    expect((await Orders.findForSystem(order.id))?.status).toBe("CONFIRMED");
    expect(await ledgerEntry(order.id)).toMatchObject({ orderId: order.id, status: "CAPTURED", amount: 6_000, currency: "EUR", reference: `sim_${order.id}` });
    // A redelivered message changes nothing.
    expect(await fulfil(created(order))).toBe("skipped");
    expect((await ledgerEntry(order.id))?.status).toBe("CAPTURED");
  });

  it("fails a declined order and gives its stock back, capturing nothing", async () => {
    const a = await product();
    await setSimulatedPayment(a.id, { outcome: "decline" });
    const order = await Orders.place(customer(), { lines: [{ productId: a.id, quantity: 3 }] });
    expect((await Products.get(a.id)).stock).toBe(1);
    expect(await fulfil(created(order))).toBe("payment-failed");
    expect((await Orders.findForSystem(order.id))?.status).toBe("PAYMENT_FAILED");
    expect((await Products.get(a.id)).stock).toBe(4);
    expect(await ledgerEntry(order.id)).toBeUndefined();
  });

  it("throws while the provider is unreachable, leaving the order PENDING for a retry", async () => {
    const a = await product();
    await setSimulatedPayment(a.id, { outcome: "unavailable" });
    const order = await Orders.place(customer(), { lines: [{ productId: a.id, quantity: 1 }] });
    await expect(fulfil(created(order))).rejects.toThrow(/unavailable/);
    expect((await Orders.findForSystem(order.id))?.status).toBe("PENDING");
    await setSimulatedPayment(a.id, undefined); // the provider is back
    expect(await fulfil(created(order))).toBe("confirmed");
  });

  it("refunds an order that ended unpaid, and skips status changes and orders that do not exist", async () => {
    const a = await product();
    const buyer = customer();
    const order = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] });
    // Nothing was captured before the cancellation: nothing to refund.
    await Orders.cancel(buyer, order.id);
    expect(await fulfil(created(order))).toBe("skipped");
    expect(await ledgerEntry(order.id)).toBeUndefined();

    const changed: OrderEvent = { ...created(order), type: "order.status_changed", data: { ...created(order).data, status: "CANCELLED", previousStatus: "PENDING" } };
    expect(await fulfil(changed)).toBe("skipped");
    expect(await fulfil({ ...created(order), data: { ...created(order).data, orderId: newId() } })).toBe("skipped");
  });
});
