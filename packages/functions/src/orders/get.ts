import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";

export const handler = route("GET /orders/{id}", async (request) => ok(await Orders.get(request.principal, request.id())));
