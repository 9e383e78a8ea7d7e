import * as Products from "@emporium/core/products";
import { expectedVersion, route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ProductsReplace, async ({ params, body, request }) => {
  return versioned(request, await Products.replace(params.id, body, new Date(), expectedVersion(request)));
});
