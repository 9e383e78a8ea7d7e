import * as Orders from "@emporium/core/orders";
import { created, route } from "../http";
import { idempotent } from "../http/idempotency";

export const handler = route(
  "POST /orders",
  async (request) => {
    const order = await Orders.place(request.principal, request.body(Orders.placeOrderSchema));
    return created(order, `/orders/${order.id}`);
  },
  { idempotency: idempotent },
);
