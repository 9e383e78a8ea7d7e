import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, inject, it } from "vitest";
import { apiTypes } from "../../packages/web/scripts/openapi-types";

const committed = join(import.meta.dirname, "../../packages/web/src/api/schema.d.ts");

/**
 * The web app's client types are generated from the API's OpenAPI document and committed. If a
 * route, request or response changes without regenerating them, the app would compile against
 * an API that no longer exists: this fails instead.
 */
it("the committed API types match the document the running API serves", async () => {
  const response = await fetch(`${inject("stack").apiUrl}/openapi.json`);
  expect(response.status).toBe(200);
  const served = await apiTypes((await response.json()) as object);
  expect(served.length).toBeGreaterThan(10_000);
  const current = readFileSync(committed, "utf8");
  expect(current === served, "packages/web/src/api/schema.d.ts is stale: run `bun run --filter @emporium/web generate`").toBe(true);
});

it("the comparison notices a changed document", async () => {
  const response = await fetch(`${inject("stack").apiUrl}/openapi.json`);
  const document = (await response.json()) as { paths: Record<string, Record<string, { summary?: string }>> };
  document.paths["/products"]!.get!.summary = "Something else";
  expect(await apiTypes(document)).not.toBe(readFileSync(committed, "utf8"));
});
