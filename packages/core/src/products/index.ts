export * as Products from "./service";
export { newProductSchema, productReplacementSchema, type Product, type NewProduct } from "./schema";
export { productKey, getProducts } from "./repository";
