/**
 * The request properties of packages/core/test/properties/requests.ts with many more runs than
 * the test suite gives them (it runs each a few hundred times on every `bun run test`).
 *
 *   bun bench/properties.ts      PROPERTY_RUNS=n: runs per property (default 20 000)
 *                                PROPERTY_SEED=n: replay one seed (a failure prints it)
 *
 * A benchmark, not a test: it exits non-zero when a property fails, after printing fast-check's
 * seed, path and shrunk counterexample, so the failure can be replayed.
 */
import fc from "fast-check";
import { propertyRuns, requestProperties } from "../packages/core/test/properties/requests";

const numRuns = propertyRuns(20_000);
const seed = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);
let failed = 0;
for (const [name, property] of Object.entries(requestProperties)) {
  const started = performance.now();
  const details = fc.check(property, { numRuns, ...(seed === undefined ? {} : { seed }) });
  const ms = Math.round(performance.now() - started);
  if (details.failed) {
    failed++;
    console.error(`FAIL ${name} (${ms} ms)\n${fc.defaultReportMessage(details)}`);
  } else {
    console.log(`ok   ${name}: ${details.numRuns} runs, seed ${details.seed} (${ms} ms)`);
  }
}
if (failed > 0) process.exit(1);
