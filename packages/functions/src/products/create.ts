import * as Products from "@emporium/core/products";
import { route, versioned } from "../http";
import { idempotent } from "../http/idempotency";

export const handler = route(
  "POST /products",
  async (request) => {
    const product = await Products.create(request.body(Products.newProductSchema));
    const response = versioned(request, product, undefined, 201);
    return { ...response, headers: { ...response.headers, location: `/products/${product.id}` } };
  },
  { idempotency: idempotent },
);
