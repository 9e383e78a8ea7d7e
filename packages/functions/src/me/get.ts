import * as Users from "@emporium/core/users";
import { route, versioned } from "../http";

export const handler = route("GET /me", async (request) => versioned(request, await Users.me(request.principal)));
