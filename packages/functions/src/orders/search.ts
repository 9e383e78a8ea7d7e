import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.OrdersSearch, async ({ principal, query }) => ok(await Orders.search(principal, query)));
