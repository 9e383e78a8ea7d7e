/**
 * The order state machine, the one place it is written down (the README's "Order lifecycle"
 * section points here).
 *
 * ```text
 *                 ┌──────────── CANCELLED       customer cancels; stock back
 *                 ├──────────── PAYMENT_FAILED  provider declined; stock back; customer e-mailed
 *   PENDING ──────┼──────────── EXPIRED         still PENDING after the hold (ORDER_HOLD_MINUTES,
 *                 │                             default 15); the schedule expires it; stock back
 *                 └─► CONFIRMED ─► SHIPPED ─► DELIVERED
 *                      payment captured
 * ```
 *
 * - Placing an order writes it PENDING and takes its stock in one transaction.
 * - Every transition is one conditional write: the order must still be at the status and the
 *   version it was read at. Of two concurrent transitions (cancel vs confirm, expire vs confirm,
 *   expire vs cancel, payment failure vs cancel) exactly one applies; the other re-reads, finds
 *   the order gone elsewhere and gives up (409 for a customer, a skip for the system).
 * - A transition that releases stock (`releasesStock`) restores it in the SAME transaction as
 *   the status change, bumping each product's version, so stock is never lost nor restored twice.
 * - Payment is captured before confirmation. If the order left PENDING meanwhile (cancelled or
 *   expired between capture and confirmation), fulfilment refunds the capture: an order that is
 *   CANCELLED, EXPIRED or PAYMENT_FAILED never keeps a payment. A CONFIRMED order cannot be
 *   cancelled (there is no refund path for it yet), so a paid CANCELLED order never exists.
 */
export const ORDER_STATUSES = ["PENDING", "CONFIRMED", "SHIPPED", "DELIVERED", "CANCELLED", "PAYMENT_FAILED", "EXPIRED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ["CONFIRMED", "CANCELLED", "PAYMENT_FAILED", "EXPIRED"],
  CONFIRMED: ["SHIPPED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
  PAYMENT_FAILED: [],
  EXPIRED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

/** Statuses an order reaches without being paid: reaching one gives the order's stock back. */
const UNPAID_ENDS: readonly OrderStatus[] = ["CANCELLED", "PAYMENT_FAILED", "EXPIRED"];

export function releasesStock(status: OrderStatus): boolean {
  return UNPAID_ENDS.includes(status);
}

/** How long an order may stay PENDING before the schedule expires it, unless configured. */
export const DEFAULT_HOLD_MINUTES = 15;
