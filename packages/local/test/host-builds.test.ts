import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { bundleOptions } from "@emporium/functions/build";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FunctionBuilder } from "../src/functions/builder";
import { FunctionHost } from "../src/functions/host";

/*
 * A small project of its own: `a` and `b` share `shared.ts`, `b` alone uses `only-b.ts`, `c`
 * uses neither. Edits are made to these files, never to the repository's.
 */
const root = mkdtempSync(join(tmpdir(), "emporium-builds-"));
const out = join(root, ".out");
const write = (file: string, text: string) => {
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "src", file), text);
};
const lines: string[] = [];
const host = new FunctionHost(root, out, (source, line) => lines.push(`${source} ${line}`));
const base = { memoryMb: 128, timeoutMs: 10_000, environment: {} };
const bundles = () => readdirSync(join(out, "bundles")).filter((file) => file.endsWith(".mjs"));

beforeAll(async () => {
  write("shared.ts", `export const greeting = "hello";\n`);
  write("only-b.ts", `export const suffix = "!";\n`);
  write("a.ts", `import { greeting } from "./shared";\nexport const handler = async () => ({ fn: "a", greeting });\n`);
  write("b.ts", `import { greeting } from "./shared";\nimport { suffix } from "./only-b";\nexport const handler = async () => ({ fn: "b", greeting: greeting + suffix });\n`);
  write("c.ts", `export const handler = async () => ({ fn: "c" });\n`);
  await host.add([
    { ...base, name: "A", handler: "src/a.handler" },
    { ...base, name: "B", handler: "src/b.handler" },
    { ...base, name: "C", handler: "src/c.handler" },
  ]);
  host.watch([join(root, "src")]);
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

const builds = () => Object.fromEntries(Object.entries(host.metrics()).map(([name, metrics]) => [name, metrics.builds]));

describe("function builds", () => {
  it("builds nothing at start and a function on its first invocation", async () => {
    expect(builds()).toEqual({ A: 0, B: 0, C: 0 });
    expect(await host.invoke("A", {})).toEqual({ fn: "a", greeting: "hello" });
    expect(builds()).toEqual({ A: 1, B: 0, C: 0 });
    expect(bundles()).toHaveLength(1);
  });

  it("builds functions first invoked together in one build, each its own bundle", async () => {
    const [b, c] = await Promise.all([host.invoke("B", {}), host.invoke("C", {})]);
    expect(b).toEqual({ fn: "b", greeting: "hello!" });
    expect(c).toEqual({ fn: "c" });
    expect(builds()).toEqual({ A: 1, B: 1, C: 1 });
  });

  it("rebuilds only the functions whose bundles include the edited file (esbuild's metafile import graph), on their next invocation", async () => {
    expect(host.invalidate([join(root, "src", "only-b.ts")])).toEqual(["B"]);
    expect(builds()).toEqual({ A: 1, B: 1, C: 1 });
    await host.invoke("B", {});
    await host.invoke("A", {});
    await host.invoke("C", {});
    expect(builds()).toEqual({ A: 1, B: 2, C: 1 });
    expect(host.invalidate([join(root, "src", "shared.ts")]).sort()).toEqual(["A", "B"]);
    await Promise.all([host.invoke("A", {}), host.invoke("B", {}), host.invoke("C", {})]);
    expect(builds()).toEqual({ A: 2, B: 3, C: 1 });
    expect(host.invalidate([join(root, "src", "unrelated.ts")])).toEqual([]);
  });

  it("makes an edit live within a second, replacing the warm environment of the affected function only", async () => {
    const started = Date.now();
    write("only-b.ts", `export const suffix = "?";\n`);
    let result: unknown;
    for (let attempt = 0; attempt < 40; attempt++) {
      result = await host.invoke("B", {});
      if ((result as { greeting: string }).greeting === "hello?") break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(result).toEqual({ fn: "b", greeting: "hello?" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(builds().A).toBe(2);
    expect(builds().C).toBe(1);
  });

  it("keeps the previous code when an edit does not build", async () => {
    write("c.ts", `export const handler = async () => ({ fn: "c" ;\n`);
    expect(host.invalidate([join(root, "src", "c.ts")])).toEqual(["C"]);
    expect(await host.invoke("C", {})).toEqual({ fn: "c" });
    expect(lines.some((line) => line.includes("build of C failed, keeping the previous code"))).toBe(true);
    write("c.ts", `export const handler = async () => ({ fn: "c" });\n`);
  });
});

describe("builds together are the builds alone", () => {
  it("gives each function the same bytes as bundling it on its own with the deployment options", async () => {
    const together = new FunctionBuilder(root, join(root, ".together"));
    const [a, b] = await Promise.all([together.build("A", "src/a.ts"), together.build("B", "src/b.ts")]);
    for (const [bundle, entry] of [
      [a, "src/a.ts"],
      [b, "src/b.ts"],
    ] as const) {
      const alone = await esbuild.build({
        absWorkingDir: root,
        entryPoints: [join(root, entry)],
        write: false,
        outdir: join(root, ".together"),
        outExtension: { ".js": ".mjs" },
        sourcemap: "inline",
        ...bundleOptions,
      });
      const code = (text: string) => text.replace(/\/\/# sourceMappingURL=.*\n?$/, "");
      expect(code(readFileSync(new URL(bundle.url), "utf8"))).toBe(code(alone.outputFiles[0]!.text));
    }
  });
});
