// Imported as a namespace (`import * as Orders`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { placeOrderSchema, orderSearchSchema, MAX_LINES, type Order, type OrderLine, type OrderWithLines } from "./schema";
export { ORDER_STATUSES, canTransition, type OrderStatus } from "./lifecycle";
