import * as ApiKeys from "@emporium/core/api-keys";
import { created, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ApiKeysCreate, async ({ principal, body }) => {
  const key = await ApiKeys.create(principal, body);
  return created(key, `/api-keys/${key.id}`);
});
