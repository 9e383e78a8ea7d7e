import * as ApiKeys from "@emporium/core/api-keys";
import { pageQuerySchema } from "@emporium/core/pagination";
import { ok, route } from "../http";

export const handler = route("GET /api-keys", async (request) => {
  const { limit, cursor } = request.query(pageQuerySchema);
  return ok(await ApiKeys.list(limit, cursor));
});
