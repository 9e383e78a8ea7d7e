import { json, PUBLIC_CACHE, route } from "../http";
import * as contracts from "../manifest/contracts";
import { servedDocument } from "./served";

export const handler = route(contracts.OpenApi, async ({ request }) => {
  const { domainName } = request.event.requestContext;
  // API Gateway says which scheme the client used (the local gateway says http), as a proxy does.
  const scheme = request.header("x-forwarded-proto") ?? "https";
  return json(200, servedDocument(`${scheme}://${domainName}`), { "cache-control": PUBLIC_CACHE });
});
