import * as Users from "@emporium/core/users";
import { expectedVersion, route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.UsersUpdate, async ({ params, body, request }) => {
  return versioned(request, await Users.update(params.id, body, new Date(), expectedVersion(request)));
});
