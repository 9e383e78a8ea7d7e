import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_JSON_PATH, documentJson, openApiDocument } from "../src/openapi/document";
import { servedDocument } from "../src/openapi/served";

describe("the OpenAPI document generated ahead of the build", () => {
  it("is what the builder makes from the current routes and schemas (else: bun packages/functions/scripts/generate-openapi.ts)", () => {
    expect(readFileSync(DOCUMENT_JSON_PATH, "utf8")).toBe(documentJson());
  });

  it("is served exactly as the builder would make it, servers included, keys in the same order", () => {
    const url = "https://api.example.com";
    expect(JSON.stringify(servedDocument(url))).toBe(JSON.stringify(openApiDocument(url)));
    expect(JSON.stringify(servedDocument())).toBe(JSON.stringify(openApiDocument()));
  });
});
