import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.PartnerOrders, async ({ client, query }) => ok(await Orders.search(client, query)));
