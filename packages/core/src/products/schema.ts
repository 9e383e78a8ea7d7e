import * as v from "valibot";
import { moneySchema, moneyValueSchema } from "../money";
import { pageSchema } from "../pagination";
import { timestampSchema } from "../validation";

const integer = v.pipe(v.number(), v.integer());

export const productImageSchema = v.object({ id: v.string(), contentType: v.string(), size: v.number() });
export type ProductImage = v.InferOutput<typeof productImageSchema>;

/** A product as it is stored and sent. */
export const productSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  price: moneyValueSchema,
  stock: integer,
  version: integer,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  /** Checked uploads (see ./images.ts); clients fetch them at /products/{id}/images/{imageId}. */
  images: v.optional(v.array(productImageSchema)),
});
export type Product = v.InferOutput<typeof productSchema>;
export const productsPageSchema = pageSchema(productSchema);

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
