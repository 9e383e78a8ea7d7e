import * as ApiKeys from "@emporium/core/api-keys";
import { ok, route } from "../http";

export const handler = route("DELETE /api-keys/{id}", async (request) => ok(await ApiKeys.revoke(request.id())));
