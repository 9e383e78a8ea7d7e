import * as Products from "@emporium/core/products";
import { noContent, route } from "../http";

export const handler = route("DELETE /products/{id}", async (request) => {
  await Products.remove(request.id());
  return noContent();
});
