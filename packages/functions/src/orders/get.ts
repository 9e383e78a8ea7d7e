import * as Orders from "@emporium/core/orders";
import { route, versioned } from "../http";

export const handler = route("GET /orders/{id}", async (request) => versioned(request, await Orders.get(request.principal, request.id())));
