import * as Users from "@emporium/core/users";
import { expectedVersion, route, versioned } from "../http";

export const handler = route("PATCH /users/{id}", async (request) => {
  const id = request.userId();
  const patch = request.body(Users.userPatchSchema);
  return versioned(request, await Users.update(id, patch, new Date(), expectedVersion(request)));
});
