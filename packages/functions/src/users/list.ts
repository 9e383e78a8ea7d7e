import * as Users from "@emporium/core/users";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.UsersList, async ({ query }) => ok(await Users.list(query.limit, query.cursor)));
