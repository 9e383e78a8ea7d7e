import { Orders, placeOrderSchema } from "@emporium/core/orders";
import { created, route } from "../http";

export const handler = route("POST /orders", async (request) => {
  const order = await Orders.place(request.principal, request.body(placeOrderSchema));
  return created(order, `/orders/${order.id}`);
});
