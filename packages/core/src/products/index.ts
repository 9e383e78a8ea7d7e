// Imported as a namespace (`import * as Products`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { newProductSchema, productReplacementSchema, stockLevelSchema, type Product, type NewProduct } from "./schema";
export { productKey, getProducts } from "./repository";
export { requestUpload, processUpload, imageUrl, sniffImageType, imageUploadSchema, IMAGE_TYPES, MAX_IMAGE_BYTES, type ProductImage } from "./images";
export type { StockAuditEntry } from "./stock-audit";
