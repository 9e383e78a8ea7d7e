import * as Exports from "@emporium/core/exports";
import { json } from "../http";
import { idempotentRoute } from "../http/idempotency";
import * as contracts from "../manifest/contracts";

export const handler = idempotentRoute(contracts.ExportsCreate, async ({ principal, body }) => {
  const job = await Exports.request(principal, body);
  return json(202, job, { location: `/exports/${job.id}` });
});
