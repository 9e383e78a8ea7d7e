import * as Products from "@emporium/core/products";
import { catalogueCache, route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ProductsGet, async ({ params, request }) => versioned(request, await Products.get(params.id), catalogueCache(request)));
