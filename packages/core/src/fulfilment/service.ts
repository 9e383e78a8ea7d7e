import type { OrderEvent } from "../events";
import * as Orders from "../orders";
import { capturePayment } from "./payment";

/**
 * Fulfils a newly placed order: captures payment, then confirms the order with a conditional
 * update (the confirmation appears on the table's stream as `order.status_changed`).
 * Idempotent: an order that is no longer PENDING (already confirmed by an earlier delivery, or
 * cancelled by its customer) is left alone.
 */
export async function fulfil(event: OrderEvent): Promise<"confirmed" | "skipped"> {
  if (event.type !== "order.created") return "skipped";
  const { orderId } = event.data;
  const order = await Orders.findForSystem(orderId);
  if (!order || order.status !== "PENDING") return "skipped";
  await capturePayment(orderId, order.total);
  const confirmed = await Orders.advance(orderId, "CONFIRMED").catch((error: Error) => {
    if (error.name === "ConflictError") return undefined; // cancelled in the meantime
    throw error;
  });
  return confirmed ? "confirmed" : "skipped";
}
