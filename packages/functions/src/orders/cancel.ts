import * as Orders from "@emporium/core/orders";
import { ok, route } from "../http";
import { idempotent } from "../http/idempotency";

export const handler = route("POST /orders/{id}/cancel", async (request) => ok(await Orders.cancel(request.principal, request.id())), {
  idempotency: idempotent,
});
