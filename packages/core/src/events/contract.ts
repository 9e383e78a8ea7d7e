import * as v from "valibot";
import { moneySchema } from "../money";
import { ORDER_STATUSES } from "../orders/lifecycle";

/**
 * The versioned contract of the events the pipeline carries. Producers validate before they
 * publish, consumers validate what they receive; a change that breaks consumers is a new
 * `version`, published side by side until every consumer reads it.
 */
export const ORDER_EVENT_TYPES = ["order.created", "order.status_changed"] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

const status = v.picklist(ORDER_STATUSES);

export const orderEventSchema = v.object({
  type: v.picklist(ORDER_EVENT_TYPES),
  version: v.literal(1),
  /** Unique per change: `<orderId>:v<order version>`; consumers deduplicate on it. */
  id: v.pipe(v.string(), v.minLength(1)),
  occurredAt: v.pipe(v.string(), v.isoTimestamp()),
  data: v.object({
    orderId: v.pipe(v.string(), v.minLength(1)),
    userId: v.pipe(v.string(), v.minLength(1)),
    status,
    previousStatus: v.optional(status),
    total: moneySchema,
    createdAt: v.pipe(v.string(), v.isoTimestamp()),
    lines: v.array(
      v.object({
        productId: v.pipe(v.string(), v.minLength(1)),
        quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
        lineTotal: moneySchema,
      }),
    ),
  }),
});
export type OrderEvent = v.InferOutput<typeof orderEventSchema>;

/** Reads an event from a message body (JSON text), validating it against the contract. */
export function readOrderEvent(body: string): OrderEvent {
  return v.parse(orderEventSchema, JSON.parse(body));
}
