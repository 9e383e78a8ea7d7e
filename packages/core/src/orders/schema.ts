import * as v from "valibot";
import { moneyValueSchema } from "../money";
import { pageQuerySchema, pageSchema } from "../pagination";
import { idSchema, timestampSchema } from "../validation";
import { ORDER_STATUSES } from "./lifecycle";

const integer = v.pipe(v.number(), v.integer());

export const orderLineSchema = v.object({
  productId: v.string(),
  name: v.string(),
  quantity: integer,
  unitPrice: moneyValueSchema,
  lineTotal: moneyValueSchema,
});
export type OrderLine = v.InferOutput<typeof orderLineSchema>;

/** An order as it is stored and listed. */
export const orderSchema = v.object({
  id: v.string(),
  userId: v.string(),
  status: v.picklist(ORDER_STATUSES),
  total: moneyValueSchema,
  lineCount: integer,
  version: integer,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Order = v.InferOutput<typeof orderSchema>;
export const ordersPageSchema = pageSchema(orderSchema);

/** An order and its lines, as one order is sent. */
export const orderWithLinesSchema = v.object({ ...orderSchema.entries, lines: v.array(orderLineSchema) });
export type OrderWithLines = v.InferOutput<typeof orderWithLinesSchema>;

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
