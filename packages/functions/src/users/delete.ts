import * as Users from "@emporium/core/users";
import { noContent, route } from "../http";

export const handler = route("DELETE /users/{id}", async (request) => {
  await Users.remove(request.userId());
  return noContent();
});
