import { pingTable } from "@emporium/core/table";
import { json, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.Health, async () => {
  const table = await pingTable();
  return json(table.reachable ? 200 : 503, { status: table.reachable ? "ok" : "degraded", table });
});
