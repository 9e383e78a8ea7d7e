import { pageQuerySchema } from "@emporium/core/pagination";
import * as Users from "@emporium/core/users";
import { ok, route } from "../http";

export const handler = route("GET /users", async (request) => {
  const { limit, cursor } = request.query(pageQuerySchema);
  return ok(await Users.list(limit, cursor));
});
