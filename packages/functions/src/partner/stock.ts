import * as Products from "@emporium/core/products";
import { ok, route } from "../http";

export const handler = route("PUT /partner/products/{id}/stock", async (request) => {
  const id = request.id();
  const { stock } = request.body(Products.stockLevelSchema);
  return ok(await Products.setStock(request.client, id, stock));
});
