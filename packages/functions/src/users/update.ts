import * as Users from "@emporium/core/users";
import { ok, route } from "../http";

export const handler = route("PATCH /users/{id}", async (request) => {
  const id = request.userId();
  return ok(await Users.update(id, request.body(Users.userPatchSchema)));
});
