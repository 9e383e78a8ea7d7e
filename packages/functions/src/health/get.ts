import { pingTable } from "@emporium/core/table";
import { json, route } from "../http";

export const handler = route("GET /health", async () => {
  const table = await pingTable();
  return json(table.reachable ? 200 : 503, { status: table.reachable ? "ok" : "degraded", table });
});
