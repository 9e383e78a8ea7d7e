import * as Users from "@emporium/core/users";
import { ok, route } from "../http";

export const handler = route("GET /users/{id}", async (request) => ok(await Users.get(request.userId())));
