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

/** One partner stock write, as ./stock-audit.ts records it. */
export const stockAuditEntrySchema = v.object({
  id: v.string(),
  productId: v.string(),
  /** The API key that made the write. */
  keyId: v.string(),
  previousStock: v.pipe(v.number(), v.integer()),
  stock: v.pipe(v.number(), v.integer()),
  /** The product's version after the write (its ETag). */
  version: v.pipe(v.number(), v.integer()),
  at: timestampSchema,
});
export type StockAuditEntry = v.InferOutput<typeof stockAuditEntrySchema>;
export const stockAuditPageSchema = pageSchema(stockAuditEntrySchema);

/** Product images (./images.ts): what an upload may be, and where it goes. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export const imageUploadSchema = v.strictObject({
  contentType: v.picklist(IMAGE_TYPES, `must be one of ${IMAGE_TYPES.join(", ")}`),
  size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_IMAGE_BYTES, `must be at most ${MAX_IMAGE_BYTES} bytes`)),
});
export type ImageUpload = v.InferOutput<typeof imageUploadSchema>;

/** Where and how to upload an image: a presigned PUT that only the declared type and size pass. */
export const uploadTicketSchema = v.object({
  imageId: v.string(),
  uploadUrl: v.pipe(v.string(), v.url()),
  method: v.literal("PUT"),
  headers: v.object({ "content-type": v.string(), "content-length": v.string() }),
  expiresAt: timestampSchema,
});
export type UploadTicket = v.InferOutput<typeof uploadTicketSchema>;
