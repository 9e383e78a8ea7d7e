import * as Products from "@emporium/core/products";
import { ok, route } from "../http";

export const handler = route("GET /products/{id}", async (request) => ok(await Products.get(request.id())));
