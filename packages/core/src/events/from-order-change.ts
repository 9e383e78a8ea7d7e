import * as v from "valibot";
import { orderEventSchema, type OrderEvent } from "./contract";

/**
 * The events one change of an order item means: its creation is `order.created`, a change of
 * status is `order.status_changed`; other changes (none today) mean nothing. Images are the
 * plain (unmarshalled) items from the table's stream.
 */
export function eventsFromOrderChange(oldImage: Record<string, unknown> | undefined, newImage: Record<string, unknown> | undefined): OrderEvent[] {
  if (!newImage) return [];
  const order = newImage as {
    id: string;
    userId: string;
    status: string;
    total: unknown;
    createdAt: string;
    updatedAt: string;
    version: number;
    lines?: { productId: string; quantity: number; lineTotal: unknown }[];
  };
  const base = {
    version: 1 as const,
    id: `${order.id}:v${order.version}`,
    occurredAt: order.updatedAt,
    data: {
      orderId: order.id,
      userId: order.userId,
      status: order.status,
      total: order.total,
      createdAt: order.createdAt,
      lines: (order.lines ?? []).map(({ productId, quantity, lineTotal }) => ({ productId, quantity, lineTotal })),
    },
  };
  if (!oldImage) return [v.parse(orderEventSchema, { ...base, type: "order.created" })];
  const previousStatus = (oldImage as { status?: string }).status;
  if (previousStatus === order.status) return [];
  return [v.parse(orderEventSchema, { ...base, type: "order.status_changed", data: { ...base.data, previousStatus } })];
}
