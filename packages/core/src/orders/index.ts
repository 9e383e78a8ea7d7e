export * as Orders from "./service";
export { placeOrderSchema, orderSearchSchema, MAX_LINES, type Order, type OrderLine, type OrderWithLines } from "./schema";
export { ORDER_STATUSES, canTransition, type OrderStatus } from "./lifecycle";
