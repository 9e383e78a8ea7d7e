import * as Exports from "@emporium/core/exports";
import { ok, route } from "../http";

export const handler = route("GET /exports/{id}", async (request) => ok(await Exports.status(request.id())));
