import * as Products from "@emporium/core/products";
import { json, catalogueCache, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ProductsList, async ({ query, request }) => {
  return json(200, await Products.list(query.limit, query.cursor), { "cache-control": catalogueCache(request) });
});
