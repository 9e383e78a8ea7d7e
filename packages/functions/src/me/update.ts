import * as Users from "@emporium/core/users";
import { expectedVersion, route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.MeUpdate, async ({ principal, body, request }) => {
  return versioned(request, await Users.updateMe(principal, body, new Date(), expectedVersion(request)));
});
