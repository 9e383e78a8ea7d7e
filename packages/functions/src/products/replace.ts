import * as Products from "@emporium/core/products";
import { ok, route } from "../http";

export const handler = route("PUT /products/{id}", async (request) => {
  const id = request.id();
  return ok(await Products.replace(id, request.body(Products.productReplacementSchema)));
});
