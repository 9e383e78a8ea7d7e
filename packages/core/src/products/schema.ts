import * as v from "valibot";
import { moneySchema, type Money } from "../money";

export interface Product {
  id: string;
  name: string;
  description: string;
  price: Money;
  stock: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Checked uploads (see ./images.ts); clients fetch them at /products/{id}/images/{imageId}. */
  images?: { id: string; contentType: string; size: number }[];
}

// Lengths count characters (code points), as the OpenAPI document's `maxLength` does, not UTF-16 units.
const nameSchema = v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxCodePoints(200));
const descriptionSchema = v.pipe(v.string(), v.maxCodePoints(4000));
const stockSchema = v.pipe(v.number(), v.integer("must be an integer"), v.minValue(0), v.maxValue(1_000_000_000));

/** What an admin may send to create a product. Ids, versions and timestamps are server-owned. */
export const newProductSchema = v.strictObject({
  name: nameSchema,
  description: v.optional(descriptionSchema, ""),
  price: moneySchema,
  stock: stockSchema,
});
export type NewProduct = v.InferOutput<typeof newProductSchema>;

/** A full replacement of the editable fields (PUT semantics). */
export const productReplacementSchema = newProductSchema;
export type ProductReplacement = NewProduct;

export const stockLevelSchema = v.strictObject({ stock: stockSchema });
