import * as Exports from "@emporium/core/exports";
import { json, route } from "../http";
import { idempotent } from "../http/idempotency";

export const handler = route(
  "POST /exports/orders",
  async (request) => {
    const job = await Exports.request(request.principal, request.body(Exports.newExportSchema));
    return json(202, job, { location: `/exports/${job.id}` });
  },
  { idempotency: idempotent },
);
