import { PUBLIC_CACHE, route } from "../http";
import * as contracts from "../manifest/contracts";
import { servedDocument } from "../openapi/served";
import { renderDocs } from "./render";

export const handler = route(contracts.Docs, async () => ({
  statusCode: 200,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": PUBLIC_CACHE },
  body: renderDocs(servedDocument()),
}));
