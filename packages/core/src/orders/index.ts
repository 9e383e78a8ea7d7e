// Imported as a namespace (`import * as Orders`), which lets bundlers drop what a handler does not call.
export * from "./service";
export {
  placeOrderSchema,
  orderSearchSchema,
  orderSchema,
  orderWithLinesSchema,
  ordersPageSchema,
  MAX_LINES,
  MAX_QUANTITY,
  type Order,
  type OrderLine,
  type OrderWithLines,
} from "./schema";
export { ORDER_STATUSES, DEFAULT_HOLD_MINUTES, canTransition, releasesStock, type OrderStatus } from "./lifecycle";
export { priceOrder } from "./pricing";
