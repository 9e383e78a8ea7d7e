import * as ApiKeys from "@emporium/core/api-keys";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ApiKeysList, async ({ query }) => ok(await ApiKeys.list(query.limit, query.cursor)));
