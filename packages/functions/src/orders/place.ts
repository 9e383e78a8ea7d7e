import * as Orders from "@emporium/core/orders";
import { created, route } from "../http";
import { idempotent } from "../http/idempotency";
import { recordOrderPlaced } from "../http/metrics";

export const handler = route(
  "POST /orders",
  async (request) => {
    const order = await Orders.place(request.principal, request.body(Orders.placeOrderSchema));
    recordOrderPlaced(order);
    return created(order, `/orders/${order.id}`);
  },
  { idempotency: idempotent },
);
