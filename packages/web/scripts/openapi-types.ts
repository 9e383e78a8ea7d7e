import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/**
 * The web app's API types, from an OpenAPI document: the committed `src/api/schema.d.ts` is
 * this function's output for the API's own document, and tests/web/api-types.test.ts compares
 * it with the output for the document the running API serves.
 */
export async function apiTypes(document: object): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, { alphabetize: true });
  return `${HEADER}${astToString(ast)}`;
}

export const HEADER = "// Generated from the API's OpenAPI document by `bun run --filter @emporium/web generate`. Do not edit.\n\n";
