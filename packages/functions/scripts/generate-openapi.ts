/**
 * Writes src/openapi/document.json, the OpenAPI document the OpenApi and Docs functions serve,
 * from the manifest and the valibot schemas (src/openapi/document.ts). Generated ahead of the
 * build so those functions bundle plain JSON instead of every schema and @valibot/to-json-schema
 * (about twice the baseline bundle). Run after changing a route, a request schema or a
 * representation; packages/functions/test/openapi-document.test.ts fails while it is stale.
 */
import { writeFileSync } from "node:fs";
import { documentJson, DOCUMENT_JSON_PATH } from "../src/openapi/document";

writeFileSync(DOCUMENT_JSON_PATH, documentJson());
console.log(`wrote ${DOCUMENT_JSON_PATH}`);
