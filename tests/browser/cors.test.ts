import { createServer, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromiumAvailable as available, launch } from "../support/browser";
import { customerToken } from "../support/users";
import { offlineOnly, target } from "../support/target";

/**
 * A real cross-origin fetch from a page in headless Chromium (found, or required in CI, by
 * ../support/browser.ts) against the local API: from an allowed origin it works, preflight included;
 * from any other origin the browser refuses it.
 */
const page = "<!doctype html><title>front end</title><p>front end</p>";
let browser: Browser;
let otherServer: Server;
let otherOrigin: string;

beforeAll(async () => {
  if (!available) return;
  // The allowed origin's page is served by the global setup; this one is any other origin.
  otherServer = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(page));
  await new Promise<void>((resolve) => otherServer.listen(0, "127.0.0.1", () => resolve()));
  otherOrigin = `http://127.0.0.1:${(otherServer.address() as { port: number }).port}`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  otherServer?.close();
});

async function fetchFrom(origin: string, script: string): Promise<{ ok: boolean; status?: number; error?: string; body?: unknown; headers?: Record<string, string | null> }> {
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(origin);
    return await tab.evaluate(script);
  } finally {
    await context.close();
  }
}

describe.skipIf(!available)("CORS in a real browser", () => {
  it("lets the allowed origin read the catalogue, with exposed headers", offlineOnly, async () => {
    const api = target.apiUrl;
    const result = await fetchFrom(
      inject("stack").allowedOrigin,
      `fetch(${JSON.stringify(`${api}/products?limit=1`)}).then(async (r) => ({ ok: r.ok, status: r.status, body: await r.json(), headers: { requestId: r.headers.get("x-request-id"), limit: r.headers.get("ratelimit-limit") } }), (e) => ({ ok: false, error: String(e) }))`,
    );
    expect(result).toMatchObject({ ok: true, status: 200, body: { items: expect.any(Array) } });
    expect(result.headers?.requestId).toMatch(/=$/);
    expect(result.headers?.limit).toBe("100");
  });

  it("lets the allowed origin make a preflighted, authenticated write", offlineOnly, async () => {
    const api = target.apiUrl;
    const token = await customerToken();
    const result = await fetchFrom(
      inject("stack").allowedOrigin,
      `fetch(${JSON.stringify(`${api}/me`)}, { method: "PATCH", headers: { "content-type": "application/json", authorization: ${JSON.stringify(`Bearer ${token}`)} }, body: JSON.stringify({ name: "Casey Customer" }) })
        .then(async (r) => ({ ok: r.ok, status: r.status, body: await r.json(), headers: { etag: r.headers.get("etag") } }), (e) => ({ ok: false, error: String(e) }))`,
    );
    expect(result).toMatchObject({ ok: true, status: 200, body: { name: "Casey Customer" } });
    expect(result.headers?.etag).toMatch(/^"\d+"$/);
  });

  it("refuses every other origin", async () => {
    const api = target.apiUrl;
    const read = await fetchFrom(otherOrigin, `fetch(${JSON.stringify(`${api}/products?limit=1`)}).then((r) => ({ ok: true, status: r.status }), (e) => ({ ok: false, error: String(e) }))`);
    expect(read).toEqual({ ok: false, error: "TypeError: Failed to fetch" });
    const write = await fetchFrom(
      otherOrigin,
      `fetch(${JSON.stringify(`${api}/orders`)}, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).then((r) => ({ ok: true, status: r.status }), (e) => ({ ok: false, error: String(e) }))`,
    );
    expect(write).toEqual({ ok: false, error: "TypeError: Failed to fetch" });
  });
});
