import * as ApiKeys from "@emporium/core/api-keys";
import { created, route } from "../http";

export const handler = route("POST /api-keys", async (request) => {
  const key = await ApiKeys.create(request.principal, request.body(ApiKeys.newApiKeySchema));
  return created(key, `/api-keys/${key.id}`);
});
