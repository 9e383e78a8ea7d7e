/**
 * `bun dev`'s promise: edit a handler's source and the running stack serves the new code, over
 * HTTP, without a restart. The stack here is started as `bun dev` starts it (`watch: true`),
 * on free ports and without persistence, over a copy of the functions' sources in a temporary
 * directory (core and node_modules are linked, not copied): the edit is made to the copy, so the
 * repository's own files are never touched, whatever happens, and the copy is removed afterwards.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalogue } from "../src/seed";
import { startStack, type Stack } from "../src/stack";

const repository = resolve(import.meta.dirname, "../../..");
const root = mkdtempSync(join(tmpdir(), "emporium-dev-edits-"));
const handlerFile = join(root, "packages/functions/src/health/get.ts");
const lines: string[] = [];
let stack: Stack | undefined;
/** This process's environment before the stack started: the stack passes its own explicitly, never through it. */
let environmentBefore: Record<string, string | undefined>;

beforeAll(async () => {
  mkdirSync(join(root, "packages/functions"), { recursive: true });
  cpSync(join(repository, "packages/functions/src"), join(root, "packages/functions/src"), { recursive: true });
  symlinkSync(join(repository, "packages/core"), join(root, "packages/core"), "dir");
  symlinkSync(join(repository, "node_modules"), join(root, "node_modules"), "dir");
  environmentBefore = { ...process.env };
  stack = await startStack({
    root,
    ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
    persist: false,
    watch: true,
    log: (source, line) => lines.push(`[${source}] ${line}`),
  });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

const health = async () => {
  const response = await fetch(`${stack!.apiUrl}/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("a running dev stack", () => {
  it("has left this process's environment as it found it, seed and all", async () => {
    // The seed ran (in a process of its own): the whole catalogue is there.
    const products = (await (await fetch(`${stack!.apiUrl}/products?limit=100`)).json()) as { items: { name: string }[] };
    expect(products.items.map((product) => product.name)).toEqual(catalogue.map((product) => product.name));
    expect((await health()).status).toBe(200);
    expect({ ...process.env }).toEqual(environmentBefore);
  });

  it("serves an edited handler's new code over HTTP within seconds, without a restart", async () => {
    const before = await health();
    expect(before).toMatchObject({ status: 200, body: { status: "ok" } });
    const marker = `edited-${Date.now()}`;
    expect(before.body).not.toHaveProperty("edit");

    const source = readFileSync(handlerFile, "utf8");
    const edited = source.replace(`{ status: table.reachable ? "ok" : "degraded", table }`, `{ status: table.reachable ? "ok" : "degraded", table, edit: "${marker}" }`);
    expect(edited).not.toBe(source); // the edit applies to the handler as it is written
    writeFileSync(handlerFile, edited);

    const started = Date.now();
    let after = before;
    for (let attempt = 0; attempt < 100 && after.body.edit !== marker; attempt++) {
      await new Promise((settle) => setTimeout(settle, 200));
      after = await health();
    }
    expect(after).toMatchObject({ status: 200, body: { status: "ok", edit: marker } });
    console.log(`dev stack served the edit after ${Date.now() - started} ms`);
    expect(lines.some((line) => line.includes("out of date, rebuilt on next use: Health"))).toBe(true);
    expect(stack!.functionMetrics().Health?.builds).toBe(2); // built on first use, rebuilt once for the edit
    // The repository's own handler is as it was.
    expect(readFileSync(join(repository, "packages/functions/src/health/get.ts"), "utf8")).toBe(source);
  });
});
