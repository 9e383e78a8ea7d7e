import * as Orders from "@emporium/core/orders";
import { route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.OrdersGet, async ({ principal, params, request }) => versioned(request, await Orders.get(principal, params.id)));
