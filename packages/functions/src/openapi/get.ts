import { json, PUBLIC_CACHE, route } from "../http";
import { servedDocument } from "./served";

export const handler = route("GET /openapi.json", async (request) => {
  const { domainName } = request.event.requestContext;
  const scheme = request.header("x-forwarded-proto") ?? "https";
  return json(200, servedDocument(`${domainName.startsWith("127.0.0.1") ? "http" : scheme}://${domainName}`), { "cache-control": PUBLIC_CACHE });
});
