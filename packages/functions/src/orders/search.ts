import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";

export const handler = route("GET /orders", async (request) => {
  return ok(await Orders.search(request.principal, request.query(Orders.orderSearchSchema)));
});
