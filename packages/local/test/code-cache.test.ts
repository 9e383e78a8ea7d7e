import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { withCodeCache } from "../src/emulators/code-cache";

const loader = fileURLToPath(new URL("../src/emulators/code-cache-loader.cjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "code-cache-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A program that reports what `node program.cjs` would have given it, and lives past the warm-up.
const program = join(work, "program.cjs");
writeFileSync(join(work, "answer.cjs"), "module.exports = 42;\n");
writeFileSync(
  program,
  `#!/usr/bin/env node
const answer = require("./answer.cjs");
function late() { return "compiled only when called"; }
setTimeout(() => {
  console.log(JSON.stringify({ answer, late: late(), argv1: process.argv[1], main: require.main === module, filename: __filename, dirname: __dirname, prelude: globalThis.prelude ?? null }));
}, 10);
setTimeout(() => {}, 300);
`,
);
const cacheDir = join(work, "cache");

/** Runs the program through the loader, its cache made after 100 ms. */
function run(dir = cacheDir): Promise<Record<string, unknown>> {
  return runWith(["-e", `require(${JSON.stringify(loader)}).run(process.argv[1], ${JSON.stringify(dir)}, 100)`, program]);
}
function runWith(args: string[]): Promise<Record<string, unknown>> {
  const child = spawn("node", args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(output) as Record<string, unknown>) : reject(new Error(`exited with ${code}: ${output}`))));
  });
}
const caches = () => readdirSync(cacheDir).filter((name) => name.endsWith(".bin"));

describe("the emulators' code cache", () => {
  it("runs a program as node would: its requires, argv, require.main, __filename and __dirname", async () => {
    expect(await run()).toEqual({ answer: 42, late: "compiled only when called", argv1: program, main: true, filename: program, dirname: work, prelude: null });
  });

  it("makes one cache after the warm-up, then uses it and leaves it as it is", async () => {
    expect(caches()).toHaveLength(1);
    const file = join(cacheDir, caches()[0]!);
    const made = statSync(file).mtimeMs;
    expect(await run()).toMatchObject({ answer: 42 });
    expect(statSync(file).mtimeMs).toBe(made);
  });

  it("makes the cache again when V8 refuses the one it finds", async () => {
    const file = join(cacheDir, caches()[0]!);
    writeFileSync(file, "not a code cache");
    expect(await run()).toMatchObject({ answer: 42 });
    expect(statSync(file).size).toBeGreaterThan(100);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  it("runs on without a cache where none can be kept", async () => {
    // A file where the cache folder should be: the folder cannot be made.
    const blocked = join(work, "blocked");
    writeFileSync(blocked, "");
    expect(await run(join(blocked, "cache"))).toMatchObject({ answer: 42 });
  });

  describe("EMPORIUM_CODE_CACHE=off", () => {
    afterEach(() => {
      delete process.env.EMPORIUM_CODE_CACHE;
    });

    it("runs the program as node does, through no loader", async () => {
      process.env.EMPORIUM_CODE_CACHE = "off";
      expect(withCodeCache(program)).toEqual([program]);
      expect(await runWith(withCodeCache(program))).toMatchObject({ answer: 42, main: true, argv1: program, prelude: null });
    });

    it("runs a prelude first, then the program, through no loader", async () => {
      process.env.EMPORIUM_CODE_CACHE = "off";
      const args = withCodeCache(program, "globalThis.prelude = 'ran';");
      expect(args.join(" ")).not.toContain("code-cache-loader");
      expect(await runWith(args)).toMatchObject({ answer: 42, argv1: program, prelude: "ran" });
    });

    it("is the only way to leave the loader out", () => {
      expect(withCodeCache(program).join(" ")).toContain("code-cache-loader");
    });
  });
});
