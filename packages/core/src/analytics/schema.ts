import * as v from "valibot";
import { moneyValueSchema } from "../money";
import { pageSchema } from "../pagination";
import { idSchema } from "../validation";

const day = v.pipe(v.string(), v.isoDate("must be a date (YYYY-MM-DD)"));

/** The longest range one report may cover, in days. */
export const MAX_RANGE_DAYS = 366;
/** Counters per page: a report reads at most this many items per request, then hands out a cursor. */
export const MAX_SALES_PAGE = 1000;

/** A sales report's range: at most a year of days, optionally for one product, a page at a time. */
export const salesQuerySchema = v.pipe(
  v.object({
    from: day,
    to: day,
    productId: v.optional(idSchema),
    limit: v.optional(
      v.pipe(v.string(), v.regex(/^\d{1,4}$/, "must be an integer"), v.transform(Number), v.minValue(1), v.maxValue(MAX_SALES_PAGE)),
    ),
    cursor: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  }),
  v.forward(
    v.check((query) => query.from <= query.to, "must not be after `to`"),
    ["from"],
  ),
  v.forward(
    v.check((query) => Date.parse(query.to) - Date.parse(query.from) < MAX_RANGE_DAYS * 86_400_000, `the range must not exceed ${MAX_RANGE_DAYS} days`),
    ["to"],
  ),
);
export type SalesQuery = v.InferOutput<typeof salesQuerySchema>;

/** One product's sales on one day, in one currency. */
export const salesCounterSchema = v.object({
  productId: v.string(),
  day: v.pipe(v.string(), v.isoDate()),
  quantity: v.number(),
  revenue: moneyValueSchema,
  orders: v.number(),
});
export type SalesCounter = v.InferOutput<typeof salesCounterSchema>;
export const salesPageSchema = pageSchema(salesCounterSchema);
