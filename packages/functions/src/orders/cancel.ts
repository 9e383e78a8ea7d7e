import * as Orders from "@emporium/core/orders";
import { ok } from "../http";
import { idempotentRoute } from "../http/idempotency";
import * as contracts from "../manifest/contracts";

export const handler = idempotentRoute(contracts.OrdersCancel, async ({ principal, params }) => ok(await Orders.cancel(principal, params.id)));
