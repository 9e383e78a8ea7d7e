import * as Products from "@emporium/core/products";
import { created, route } from "../http";

export const handler = route("POST /products", async (request) => {
  const product = await Products.create(request.body(Products.newProductSchema));
  return created(product, `/products/${product.id}`);
});
