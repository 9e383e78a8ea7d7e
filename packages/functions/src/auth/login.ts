import * as Identity from "@emporium/core/identity";
import { ok, route } from "../http";

export const handler = route("POST /auth/login", async (request) => ok(await Identity.logIn(request.body(Identity.logInSchema))));
