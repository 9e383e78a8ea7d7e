import * as Products from "@emporium/core/products";
import { PUBLIC_CACHE, route, versioned } from "../http";

export const handler = route("GET /products/{id}", async (request) => versioned(request, await Products.get(request.id()), PUBLIC_CACHE));
