import * as Users from "@emporium/core/users";
import { ok, route } from "../http";

export const handler = route("GET /me", async (request) => ok(await Users.me(request.principal)));
