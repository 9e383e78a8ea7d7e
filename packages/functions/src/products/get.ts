import * as Products from "@emporium/core/products";
import { catalogueCache, route, versioned } from "../http";

export const handler = route("GET /products/{id}", async (request) => versioned(request, await Products.get(request.id()), catalogueCache(request)));
