import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";

export const handler = route("GET /partner/orders", async (request) => {
  return ok(await Orders.search(request.client, request.query(Orders.orderSearchSchema)));
});
