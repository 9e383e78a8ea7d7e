import { pageQuerySchema } from "@emporium/core/pagination";
import * as Products from "@emporium/core/products";
import { json, catalogueCache, route } from "../http";

export const handler = route("GET /products", async (request) => {
  const { limit, cursor } = request.query(pageQuerySchema);
  return json(200, await Products.list(limit, cursor), { "cache-control": catalogueCache(request) });
});
