import * as Exports from "@emporium/core/exports";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ExportsGet, async ({ params }) => ok(await Exports.status(params.id)));
