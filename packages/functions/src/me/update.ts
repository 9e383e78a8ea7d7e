import * as Users from "@emporium/core/users";
import { expectedVersion, route, versioned } from "../http";

export const handler = route("PATCH /me", async (request) => {
  const patch = request.body(Users.profilePatchSchema);
  return versioned(request, await Users.updateMe(request.principal, patch, new Date(), expectedVersion(request)));
});
