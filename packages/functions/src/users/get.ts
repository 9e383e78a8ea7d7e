import * as Users from "@emporium/core/users";
import { route, versioned } from "../http";

export const handler = route("GET /users/{id}", async (request) => versioned(request, await Users.get(request.userId())));
