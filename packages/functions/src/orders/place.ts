import * as Orders from "@emporium/core/orders";
import { created } from "../http";
import { idempotentRoute } from "../http/idempotency";
import { recordOrderPlaced } from "../http/metrics";
import * as contracts from "../manifest/contracts";

export const handler = idempotentRoute(contracts.OrdersPlace, async ({ principal, body }) => {
  const order = await Orders.place(principal, body);
  recordOrderPlaced(order);
  return created(order, `/orders/${order.id}`);
});
