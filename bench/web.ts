/**
 * The web app's budgets, measured:
 * - first-load JavaScript of the storefront (the entry and every chunk it imports statically,
 *   gzip), against the 100 KB budget;
 * - admin code loads only on admin pages: no chunk reachable only through the admin route is
 *   part of the first load, and a shopper's visit to the catalogue requests none of it;
 * - the catalogue page's Largest Contentful Paint in headless Chromium with 4× CPU throttling,
 *   on a cold cache and on a warm one, side by side in the same run.
 *
 *   bun bench/web.ts     BENCH_LCP_RUNS=n (default 5)
 *
 * Starts the offline stack and the web origin as the tests do (a production build, `/api/*`
 * proxied to the local gateway). A benchmark, not a test: it exits non-zero only when something
 * cannot be measured.
 */
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { startStack } from "../packages/local/src/stack";
import { startWebOrigin } from "../packages/local/src/web/origin";
import { quantile } from "./stats";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const BUDGET_KB = 100;
const RUNS = Number(process.env.BENCH_LCP_RUNS ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), "emporium-web-bench-"));
const outDir = join(workDir, "dist");
const logStream = createWriteStream(join(workDir, "stack.log"));

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const stack = await startStack({
  root,
  ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
  persist: false,
  watch: false,
  log: (source, line) => logStream.write(`[${source}] ${line}\n`),
});
const web = await startWebOrigin({ mode: "preview", root, apiUrl: stack.apiUrl, edgeSecret: stack.edgeSecret, port: 0, outDir, manifest: true });

try {
  // ── Bundle budget, from the build's own manifest ──────────────────────────────────────────
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const [entryKey] = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)!;
  const reach = (start: string, follow: (chunk: ManifestChunk) => string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const next of follow(manifest[key]!)) visit(next);
    };
    visit(start);
    return seen;
  };
  const firstLoad = reach(entryKey, (chunk) => chunk.imports ?? []);
  const everything = reach(entryKey, (chunk) => [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]);
  const adminKeys = [...everything].filter((key) => key.includes("/admin/") || manifest[key]!.file.includes("admin"));
  const gzipKb = (file: string) => gzipSync(readFileSync(join(outDir, file))).length / 1024;
  const rows = [...firstLoad].map((key) => [manifest[key]!.file, gzipKb(manifest[key]!.file)] as const);
  const firstLoadKb = rows.reduce((sum, [, kb]) => sum + kb, 0);
  const adminKb = adminKeys.reduce((sum, key) => sum + gzipKb(manifest[key]!.file), 0);
  const adminInFirstLoad = adminKeys.filter((key) => firstLoad.has(key));

  console.log("\nStorefront first-load JavaScript (gzip):");
  console.log(renderTable(["file", "KB gzip"], [...rows.map(([file, kb]) => [file, kb.toFixed(1)]), ["total", firstLoadKb.toFixed(1)], ["budget", String(BUDGET_KB)]]));
  console.log(`${firstLoadKb <= BUDGET_KB ? "within" : "OVER"} budget: ${(firstLoadKb / BUDGET_KB).toFixed(2)}× of ${BUDGET_KB} KB`);
  console.log(`admin chunks: ${adminKeys.length} (${adminKb.toFixed(1)} KB gzip), in the first load: ${adminInFirstLoad.length === 0 ? "none" : adminInFirstLoad.join(", ")}`);

  // ── What a shopper's browser actually fetches, and LCP ────────────────────────────────────
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const adminFiles = new Set(adminKeys.map((key) => manifest[key]!.file));
    const lcp = { cold: [] as number[], warm: [] as number[] };
    let adminRequested: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const scripts: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname.slice(1));
      });
      lcp.cold.push(await measureLcp(page, web.url));
      if (run === 0) adminRequested = scripts.filter((file) => adminFiles.has(file));
      lcp.warm.push(await measureLcp(page, web.url));
      await context.close();
    }
    console.log(`\nCatalogue page LCP, headless Chromium, 4× CPU throttling, ${RUNS} runs each (ms):`);
    const row = (name: string, values: number[]) => [name, quantile(values, 0.5).toFixed(0), Math.min(...values).toFixed(0), Math.max(...values).toFixed(0)];
    console.log(renderTable(["cache", "median", "min", "max"], [row("cold", lcp.cold), row("warm", lcp.warm)]));
    console.log(`cold ÷ warm: ${(quantile(lcp.cold, 0.5) / quantile(lcp.warm, 0.5)).toFixed(2)}×`);
    console.log(`admin scripts requested by a shopper's catalogue visit: ${adminRequested.length === 0 ? "none" : adminRequested.join(", ")}`);
  } finally {
    await browser.close();
  }
} finally {
  await web.stop();
  await stack.stop();
  logStream.end();
}

/** Loads the catalogue and reads the last LCP candidate once the products are on screen. */
async function measureLcp(page: import("playwright-core").Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: "load" });
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  // A string, so this Node-typed program needs no DOM types for code that runs in the page.
  return page.evaluate(`new Promise((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      resolve(entries[entries.length - 1].startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
  })`) as Promise<number>;
}
