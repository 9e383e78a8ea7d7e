import * as Users from "@emporium/core/users";
import { ok, route } from "../http";

export const handler = route("PATCH /me", async (request) => {
  return ok(await Users.updateMe(request.principal, request.body(Users.profilePatchSchema)));
});
