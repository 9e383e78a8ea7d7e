import * as Identity from "@emporium/core/identity";
import { ok, route } from "../http";

export const handler = route("POST /auth/refresh", async (request) => ok(await Identity.refresh(request.body(Identity.refreshSchema))));
