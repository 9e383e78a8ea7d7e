import * as Products from "@emporium/core/products";
import { versioned } from "../http";
import { idempotentRoute } from "../http/idempotency";
import * as contracts from "../manifest/contracts";

export const handler = idempotentRoute(contracts.ProductsCreate, async ({ body, request }) => {
  const product = await Products.create(body);
  const response = versioned(request, product, undefined, 201);
  return { ...response, headers: { ...response.headers, location: `/products/${product.id}` } };
});
