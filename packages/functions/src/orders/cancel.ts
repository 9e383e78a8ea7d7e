import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";

export const handler = route("POST /orders/{id}/cancel", async (request) => {
  return ok(await Orders.cancel(request.principal, request.id()));
});
