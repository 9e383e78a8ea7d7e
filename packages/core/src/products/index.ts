// Imported as a namespace (`import * as Products`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { productKey, getProducts } from "./repository";
export {
  newProductSchema,
  productReplacementSchema,
  stockLevelSchema,
  productSchema,
  productsPageSchema,
  stockAuditEntrySchema,
  stockAuditPageSchema,
  imageUploadSchema,
  uploadTicketSchema,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  type Product,
  type NewProduct,
  type ProductImage,
  type UploadTicket,
  type StockAuditEntry,
} from "./schema";
export { requestUpload, processUpload, imageUrl, sniffImageType } from "./images";
