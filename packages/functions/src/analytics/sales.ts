import * as Analytics from "@emporium/core/analytics";
import { ok, route } from "../http";

export const handler = route("GET /analytics/sales", async (request) => {
  return ok(await Analytics.read(request.query(Analytics.salesQuerySchema)));
});
