import { pageQuerySchema } from "@emporium/core/pagination";
import * as Products from "@emporium/core/products";
import { ok, route } from "../http";

export const handler = route("GET /products/{id}/stock-audit", async (request) => {
  const id = request.id();
  const { limit, cursor } = request.query(pageQuerySchema);
  return ok(await Products.stockAudit(id, limit, cursor));
});
