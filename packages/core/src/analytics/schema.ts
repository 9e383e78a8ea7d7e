import * as v from "valibot";
import { idSchema } from "../validation";

const day = v.pipe(v.string(), v.isoDate("must be a date (YYYY-MM-DD)"));

/** A sales report's range: at most a year of days, optionally for one product. */
export const salesQuerySchema = v.pipe(
  v.object({ from: day, to: day, productId: v.optional(idSchema) }),
  v.forward(
    v.check((query) => query.from <= query.to, "must not be after `to`"),
    ["from"],
  ),
  v.forward(
    v.check((query) => Date.parse(query.to) - Date.parse(query.from) <= 366 * 86_400_000, "the range must not exceed a year"),
    ["to"],
  ),
);
export type SalesQuery = v.InferOutput<typeof salesQuerySchema>;
