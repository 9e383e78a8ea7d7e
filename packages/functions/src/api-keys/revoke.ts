import * as ApiKeys from "@emporium/core/api-keys";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ApiKeysRevoke, async ({ params }) => ok(await ApiKeys.revoke(params.id)));
