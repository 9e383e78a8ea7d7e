// Imported as a namespace (`import * as Products`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { newProductSchema, productReplacementSchema, stockLevelSchema, productSchema, productsPageSchema, type Product, type NewProduct, type ProductImage } from "./schema";
export { productKey, getProducts } from "./repository";
export { requestUpload, processUpload, imageUrl, sniffImageType, imageUploadSchema, uploadTicketSchema, IMAGE_TYPES, MAX_IMAGE_BYTES, type UploadTicket } from "./images";
export { stockAuditEntrySchema, stockAuditPageSchema, type StockAuditEntry } from "./stock-audit";
