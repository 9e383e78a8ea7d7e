import type { OpenApiDocument } from "../openapi/document";

/**
 * A self-contained, browsable page of the OpenAPI document: every operation with who may call
 * it, its parameters, body and responses (schemas collapsed), and a link to the raw document.
 * No scripts or assets from elsewhere, so it works offline.
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

export function renderDocs(document: OpenApiDocument): string {
  const sections = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, raw]) => {
      const operation = raw as { summary: string; tags: string[]; security: Record<string, unknown>[]; parameters: unknown[]; requestBody?: unknown; responses: Record<string, unknown> };
      const who = operation.security.length === 0 ? "anyone" : Object.keys(operation.security[0]!).join(", ");
      return `<section><h3><span class="m">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p>${escape(operation.summary)} · <em>${escape(operation.tags.join(", "))}</em> · auth: ${escape(who)}</p>
${operation.parameters.length ? `<details><summary>Parameters</summary>${code(operation.parameters)}</details>` : ""}
${operation.requestBody ? `<details><summary>Request body</summary>${code(operation.requestBody)}</details>` : ""}
<details><summary>Responses (${Object.keys(operation.responses).join(", ")})</summary>${code(operation.responses)}</details></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5rem;font-family:monospace}pre{background:#f6f6f6;padding:.75rem;overflow:auto;font-size:12px}</style></head>
<body><h1>${escape(document.info.title)} API ${escape(document.info.version)}</h1><p>${escape(document.info.description)}</p>
<p>The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(document.openapi)}).</p>
${sections.join("\n")}</body></html>`;
}
