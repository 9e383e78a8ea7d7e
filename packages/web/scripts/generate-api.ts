/**
 * Writes src/api/schema.d.ts from the OpenAPI document the API builds (in process, no server).
 * Run after changing a route, a request schema or a representation.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openApiDocument } from "@emporium/functions/openapi/document";
import { apiTypes } from "./openapi-types";

const target = join(import.meta.dirname, "../src/api/schema.d.ts");
writeFileSync(target, await apiTypes(openApiDocument()));
console.log(`wrote ${target}`);
