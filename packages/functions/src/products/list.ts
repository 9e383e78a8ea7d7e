import { pageQuerySchema } from "@emporium/core/pagination";
import * as Products from "@emporium/core/products";
import { ok, route } from "../http";

export const handler = route("GET /products", async (request) => {
  const { limit, cursor } = request.query(pageQuerySchema);
  return ok(await Products.list(limit, cursor));
});
