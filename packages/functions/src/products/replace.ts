import * as Products from "@emporium/core/products";
import { expectedVersion, route, versioned } from "../http";

export const handler = route("PUT /products/{id}", async (request) => {
  const id = request.id();
  const input = request.body(Products.productReplacementSchema);
  return versioned(request, await Products.replace(id, input, new Date(), expectedVersion(request)));
});
