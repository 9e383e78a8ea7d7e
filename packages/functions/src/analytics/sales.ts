import * as Analytics from "@emporium/core/analytics";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.AnalyticsSales, async ({ query }) => ok(await Analytics.read(query)));
