import * as Users from "@emporium/core/users";
import { route, versioned } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.UsersGet, async ({ params, request }) => versioned(request, await Users.get(params.id)));
