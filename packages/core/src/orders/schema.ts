import * as v from "valibot";
import type { Money } from "../money";
import { pageQuerySchema } from "../pagination";
import { idSchema } from "../validation";
import { ORDER_STATUSES, type OrderStatus } from "./lifecycle";

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  total: Money;
  lineCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderWithLines extends Order {
  lines: OrderLine[];
}

/**
 * A transaction holds at most 100 items: the order, one item per line and one stock update per
 * line, so 25 lines stays well inside it.
 */
export const MAX_LINES = 25;
export const MAX_QUANTITY = 1000;

/** Clients send only what they want; prices, totals and status are computed by the server. */
export const placeOrderSchema = v.strictObject({
  lines: v.pipe(
    v.array(
      v.strictObject({
        productId: idSchema,
        quantity: v.pipe(v.number(), v.integer("must be a whole number"), v.minValue(1), v.maxValue(MAX_QUANTITY)),
      }),
    ),
    v.minLength(1, "must contain at least one line"),
    v.maxLength(MAX_LINES),
    v.check((lines) => new Set(lines.map((line) => line.productId)).size === lines.length, "must not repeat a product"),
  ),
});
export type PlaceOrder = v.InferOutput<typeof placeOrderSchema>;

const dateBound = v.union(
  [v.pipe(v.string(), v.isoDate()), v.pipe(v.string(), v.isoTimestamp())],
  "must be an ISO 8601 date or timestamp",
);

export const orderSearchSchema = v.object({
  ...pageQuerySchema.entries,
  status: v.picklist(ORDER_STATUSES, `must be one of ${ORDER_STATUSES.join(", ")}`),
  from: v.optional(dateBound),
  to: v.optional(dateBound),
});
export type OrderSearch = v.InferOutput<typeof orderSearchSchema>;
