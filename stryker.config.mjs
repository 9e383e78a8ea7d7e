// @ts-check
/**
 * Mutation testing (`bun run mutation`, on demand; not part of `bun run test`). Stryker copies
 * the repository into .stryker-tmp/, inserts every mutant into packages/core and the HTTP layer
 * of packages/functions, and runs only the in-process tests (vitest.mutation.config.ts) that
 * cover each one. The README's "Mutation testing" section says how to read the report.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: ["packages/core/src/**/*.ts", "packages/functions/src/http/**/*.ts"],
  // A mutant that does not compile is dropped before any test runs; this is the program of the
  // mutated code only (tsconfig.mutation.json), not the root one with tests, benches and scripts.
  checkers: ["typescript"],
  tsconfigFile: "tsconfig.mutation.json",
  // Each mutant runs only the tests that executed its code in the first (dry) run.
  coverageAnalysis: "perTest",
  // The machine is shared: two workers, each with its own emulators (tests/setup/in-process.ts).
  concurrency: 2,
  // Reruns reuse the results of mutants whose code and covering tests did not change.
  incremental: true,
  incrementalFile: "reports/mutation/incremental.json",
  reporters: ["clear-text", "html", "json", "progress"],
  // The score per file; each surviving mutant is in the HTML and JSON reports, not the console.
  clearTextReporter: { reportScoreTable: true, reportMutants: false, reportTests: false },
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // What the sandbox needs: the packages under test, packages/local (the emulators for the
  // in-process tests) and tests/setup; not the web app, infra, benches or the end-to-end suites.
  ignorePatterns: ["/.sst", "/.emporium", "/coverage", "/docs", "/infra", "/bench", "/packages/web", "/tests/*", "!/tests/setup"],
  // The emulators start in each worker's first run.
  dryRunTimeoutMinutes: 10,
  timeoutMS: 10_000,
  tempDirName: ".stryker-tmp",
};
