import type { Order } from "../orders";

/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. */
const field = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const ORDER_CSV_HEADER = ["id", "userId", "status", "totalAmount", "currency", "lineCount", "createdAt", "updatedAt"];

export function orderCsvRow(order: Order): string {
  return [order.id, order.userId, order.status, order.total.amount, order.total.currency, order.lineCount, order.createdAt, order.updatedAt]
    .map(field)
    .join(",");
}
