import * as Products from "@emporium/core/products";
import { noContent, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ProductsDelete, async ({ params }) => {
  await Products.remove(params.id);
  return noContent();
});
