import { PUBLIC_CACHE, route } from "../http";
import { servedDocument } from "../openapi/served";
import { renderDocs } from "./render";

export const handler = route("GET /docs", async () => ({
  statusCode: 200,
  headers: { "content-type": "text/html; charset=utf-8", "cache-control": PUBLIC_CACHE },
  body: renderDocs(servedDocument()),
}));
