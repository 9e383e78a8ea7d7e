import type { OrderEvent } from "../events";

export interface Mail {
  subject: string;
  text: string;
}

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/** The e-mail an order event means for its customer, if any. */
export function renderOrderMail(event: OrderEvent, name: string | null): Mail | undefined {
  const greeting = `Hello${name ? ` ${name}` : ""},`;
  const { orderId, total, lines, status } = event.data;
  const summary = `${lines.length} item${lines.length === 1 ? "" : "s"}, total ${money(total.amount, total.currency)}`;
  if (event.type === "order.created") {
    return {
      subject: `We received your order ${orderId}`,
      text: `${greeting}\n\nThank you for your order ${orderId} (${summary}). We will let you know when it is confirmed.\n\nEmporium`,
    };
  }
  const messages: Partial<Record<typeof status, string>> = {
    CONFIRMED: "is confirmed: payment went through and we are preparing it",
    SHIPPED: "has shipped",
    DELIVERED: "was delivered",
    CANCELLED: "was cancelled",
    PAYMENT_FAILED: "could not be completed: the payment was declined, nothing was charged and the items are back on sale",
    EXPIRED: "expired: the payment did not complete in time, nothing was charged and the items are back on sale",
  };
  const message = messages[status];
  if (!message) return undefined;
  return { subject: `Your order ${orderId} ${message.split(":")[0]}`, text: `${greeting}\n\nYour order ${orderId} (${summary}) ${message}.\n\nEmporium` };
}
