import type { Money, OrderStatus } from "../api/types";

const formatters = new Map<string, Intl.NumberFormat>();

/** Amounts are integer minor units (cents). */
export function formatMoney(money: Money): string {
  let formatter = formatters.get(money.currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-IE", { style: "currency", currency: money.currency });
    formatters.set(money.currency, formatter);
  }
  return formatter.format(money.amount / 100);
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString("en-IE", { dateStyle: "medium", timeStyle: "short" });
}

export const statusLabel: Record<OrderStatus, string> = {
  PENDING: "Pending",
  CONFIRMED: "Confirmed",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  PAYMENT_FAILED: "Payment failed",
  EXPIRED: "Expired",
};
