import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.MeOrders, async ({ principal, query }) => ok(await Orders.listMine(principal, query.limit, query.cursor)));
