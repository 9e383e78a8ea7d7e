/*
 * Runs a CommonJS program as `node <program>` would, with V8's code cache made after the
 * program has warmed up. Loaded in the emulator's own `node` process (./code-cache.ts).
 *
 * Why after: V8 compiles a function only when it first runs, and a cache made at compile time
 * (what `v8-compile-cache` and Node's own compile cache do) holds only the top level. Made once
 * the program has served its first requests, it holds every function those needed, so the next
 * start deserializes them instead of compiling them again. Measured in six alternated first
 * starts of `bun dev`, CPU used by `ready`: kinesis-local 0.62–0.77 s against 0.84–1.05 s with
 * a cache made at compile time, cognito-local 0.27–0.33 s against 0.36–0.47 s with none.
 */
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

/** How long the program runs before its cache is made: `bun dev`'s start and first requests. */
const WARM_UP_MS = 10_000;

/**
 * @param {string} program the file `node` would run
 * @param {string} cacheDir where caches are kept, one file per program, Node and flags
 * @param {number} [warmUpMs] how long the program runs before its cache is made
 */
exports.run = function run(program, cacheDir, warmUpMs = WARM_UP_MS) {
  const { size, mtimeMs } = statSync(program);
  // V8 refuses a cache made by another V8 or under other flags: each gets a file of its own,
  // so two flag sets (or two Node versions) never overwrite each other's.
  const key = createHash("sha256").update(JSON.stringify([program, size, mtimeMs, process.version, process.execArgv])).digest("hex").slice(0, 16);
  const cacheFile = join(cacheDir, `${key}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // none yet
  }
  const source = readFileSync(program, "utf8").replace(/^#!.*/, "");
  const script = new vm.Script(Module.wrap(source), { filename: program, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    setTimeout(() => {
      // Written aside and renamed: a program starting meanwhile never reads half a cache.
      const partial = `${cacheFile}.${process.pid}.partial`;
      try {
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A cache is an optimisation: where it cannot be kept (a read-only folder, a full disk),
        // the program runs on without one.
        try {
          unlinkSync(partial);
        } catch {
          // never written
        }
      }
    }, warmUpMs).unref();
  }
  const main = new Module(program, null);
  main.filename = program;
  main.paths = Module._nodeModulePaths(dirname(program));
  process.mainModule = main;
  process.argv[1] = program;
  const require = Module.createRequire(program);
  require.main = main;
  script.runInThisContext().call(main.exports, main.exports, require, main, program, dirname(program));
};
