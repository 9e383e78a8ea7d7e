import type { OpenApiDocument } from "./document";
import generated from "./document.json" with { type: "json" };

/**
 * The document as served: generated ahead of the build (scripts/generate-openapi.ts), so the
 * OpenApi and Docs bundles carry JSON rather than the schemas and their converter. Same keys in
 * the same order as openApiDocument(serverUrl).
 */
export function servedDocument(serverUrl?: string): OpenApiDocument {
  const { openapi, info, ...rest } = generated as OpenApiDocument;
  return { openapi, info, ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}), ...rest };
}
