import { ConflictError } from "../errors";
import type { OrderEvent } from "../events";
import * as Orders from "../orders";
import { paymentProvider } from "./adapters";

export type FulfilmentOutcome = "confirmed" | "payment-failed" | "refunded" | "skipped";

/**
 * Fulfils a newly placed order through the payment port (see ../orders/lifecycle.ts):
 * - payment captured → CONFIRMED (a conditional write; it appears on the stream as
 *   `order.status_changed`);
 * - payment declined → PAYMENT_FAILED, the stock given back in the same transaction;
 * - the provider unreachable → throws: the message is retried, then dead-lettered, and the
 *   order stays PENDING until the schedule expires it;
 * - the order left PENDING while the payment was captured (cancelled or expired meanwhile) →
 *   the capture is refunded, so an unpaid end never keeps a payment.
 * Idempotent: a redelivered message for an order that already ended unpaid refunds whatever an
 * interrupted earlier delivery may have captured (a no-op when nothing was), then skips.
 */
export async function fulfil(event: OrderEvent): Promise<FulfilmentOutcome> {
  if (event.type !== "order.created") return "skipped";
  const { orderId } = event.data;
  const order = await Orders.findForSystem(orderId);
  if (!order) return "skipped";
  const provider = paymentProvider();
  if (Orders.releasesStock(order.status)) {
    return (await provider.refund(orderId)) === "refunded" ? "refunded" : "skipped";
  }
  if (order.status !== "PENDING") return "skipped";

  const payment = await provider.capture({ orderId, amount: order.total, productIds: order.lines.map((line) => line.productId) });
  if (payment.outcome === "declined") {
    const failed = await Orders.advance(orderId, "PAYMENT_FAILED").catch(ignoreConflict);
    return failed ? "payment-failed" : "skipped"; // cancelled or expired meanwhile: nothing was captured
  }
  const confirmed = await Orders.advance(orderId, "CONFIRMED").catch(ignoreConflict);
  if (confirmed) return "confirmed";
  await provider.refund(orderId);
  return "refunded";
}

function ignoreConflict(error: unknown): undefined {
  if (error instanceof ConflictError) return undefined;
  throw error;
}
