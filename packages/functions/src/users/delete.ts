import * as Users from "@emporium/core/users";
import { noContent, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.UsersDelete, async ({ params }) => {
  await Users.remove(params.id);
  return noContent();
});
