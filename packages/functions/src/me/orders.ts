import * as Orders from "@emporium/core/orders";
import { pageQuerySchema } from "@emporium/core/pagination";
import { ok, route } from "../http";

export const handler = route("GET /me/orders", async (request) => {
  const { limit, cursor } = request.query(pageQuerySchema);
  return ok(await Orders.listMine(request.principal, limit, cursor));
});
