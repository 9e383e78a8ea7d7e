/**
 * Bundle size and module-init time of every API function, against a minimal DynamoDB handler.
 *
 *   bun bench/run.ts        BENCH_RUNS=n: fresh Node processes per bundle (default 15)
 *                           BENCH_NODE=/path/to/node: the Node that imports the bundles (default `node`)
 *                           BENCH_VERDICT=wall: judge init by wall-clock time (default: CPU time, which the shared machine's load disturbs far less)
 *                           BENCH_KEEP=1: keep the bundles (their directory is printed)
 *                           BENCH_SPLITTING=1: bundle with code splitting (SST's nodejs.splitting), the measured alternative
 *
 * Every function in the manifest is bundled with the deployment options
 * (packages/functions/src/build.ts), and so is bench/baseline/handler.ts, once more with
 * mainFields ["main", "module"] (the AWS SDK's CommonJS builds) to show why the ESM builds are
 * chosen. Init time is the time to import() the bundle in a new `node` process; processes are
 * interleaved round-robin over all bundles so a noisy machine slows them all alike. CPU time over
 * the same import is shown too: on a busy machine it is far steadier than wall-clock time.
 * A benchmark, not a test: it exits non-zero only when a bundle fails to build or to load.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { handlerParts, routeEntries } from "../packages/functions/src/manifest";
import { bundle, type Bundle } from "./bundle";
import { extraOver } from "./composition";
import { measureInit, nodeVersion, type InitSample } from "./init-time";
import { summarize, type Summary } from "./stats";
import { renderTable } from "./table";

const TARGET = 1.15;
const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, got ${process.env.BENCH_RUNS}`);

const outDir = mkdtempSync(join(tmpdir(), "emporium-bench-"));
const started = performance.now();
const fail = (message: string): never => {
  console.error(message);
  rmSync(outDir, { recursive: true, force: true });
  process.exit(1);
};

/** `packages/functions/src/products/list.handler` → `<root>/packages/functions/src/products/list.ts` */
const entryOf = (handler: string) => join(root, `${handlerParts(handler).file}.ts`);

// 1–2. Build everything (in parallel: the build is not what is measured).
const baselineEntry = join(root, "bench/baseline/handler.ts");
const built = await Promise.allSettled([
  bundle("baseline", baselineEntry, outDir),
  bundle("baseline (CJS SDK)", baselineEntry, outDir, ["main", "module"]),
  ...routeEntries().map(([, spec]) => bundle(spec.name, entryOf(spec.handler), outDir)),
]);
const failures = built.flatMap((r) => (r.status === "rejected" ? [`build failed: ${(r.reason as Error).message}`] : []));
if (failures.length > 0) fail(failures.join("\n"));
const bundles = built.map((r) => (r as PromiseFulfilledResult<Bundle>).value);
const [baseline, baselineCjs, ...fns] = bundles as [Bundle, Bundle, ...Bundle[]];
console.log(`built ${bundles.length} bundles in ${outDir} (${Math.round(performance.now() - started)} ms)`);

// 3. Init time: one warm-up round (discarded: fills the file cache), then `runs` rounds.
const samples = new Map<Bundle, InitSample[]>(bundles.map((b) => [b, []]));
for (let round = 0; round <= runs; round++) {
  for (const b of bundles) {
    const sample = await measureInit(b.url).catch((error: Error) => fail(error.message));
    if (round > 0) samples.get(b)!.push(sample);
  }
  if (process.stderr.isTTY) process.stderr.write(`\rinit rounds ${round}/${runs}`);
}
if (process.stderr.isTTY) process.stderr.write("\n");

// 4. Report.
const wall = new Map<Bundle, Summary>(bundles.map((b) => [b, summarize(samples.get(b)!.map((s) => s.wall))]));
const cpu = new Map<Bundle, Summary>(bundles.map((b) => [b, summarize(samples.get(b)!.map((s) => s.cpu))]));
const ratios = (b: Bundle) => ({
  size: b.bytes / baseline.bytes,
  wall: wall.get(b)!.median / wall.get(baseline)!.median,
  cpu: cpu.get(b)!.median / cpu.get(baseline)!.median,
});
/** Init time is judged by CPU time unless BENCH_VERDICT=wall: wall-clock time on a shared 2-core box is mostly noise. */
const verdictBy = process.env.BENCH_VERDICT === "wall" ? "wall" : "cpu";
const within = (b: Bundle, init: "wall" | "cpu" = verdictBy) => ratios(b).size <= TARGET && ratios(b)[init] <= TARGET;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ms = (v: number) => v.toFixed(1);
const x = (v: number) => `${v.toFixed(3)}×`;
const header = ["function", "size KB", "size ×", "deployed KB", "init ms", "p25–p75", "min–max", "init ×", "cpu ms", "cpu ×", "verdict"];
const row = (b: Bundle, verdict: string) => {
  const [w, c, r] = [wall.get(b)!, cpu.get(b)!, ratios(b)];
  return [b.name, kb(b.bytes), x(r.size), kb(b.deployedBytes), ms(w.median), `${ms(w.p25)}–${ms(w.p75)}`, `${ms(w.min)}–${ms(w.max)}`, x(r.wall), ms(c.median), x(r.cpu), verdict];
};

console.log(
  `\nBundle size and module-init time vs baseline: medians of ${runs} fresh \`node ${nodeVersion()}\` processes per bundle, interleaved.` +
    `\n"size" is what a cold start reads (the entry and the chunks it imports statically), "deployed" adds the chunks only import() loads;` +
    ` "init" is wall-clock time to import() the bundle, "cpu" the process CPU time over it; verdict: size × and ${verdictBy === "cpu" ? "cpu" : "init"} × both ≤ ${TARGET}.`,
);
console.log(renderTable(header, [row(baseline, "—"), ...fns.map((b) => row(b, within(b) ? "ok" : "over"))]));

console.log(`\nDesign check: the baseline handler with mainFields ["module","main"] (deployed) vs ["main","module"] (CJS SDK builds)`);
console.log(renderTable(header.slice(0, -1), [row(baseline, "").slice(0, -1), row(baselineCjs, "").slice(0, -1)]));

// What makes functions bigger than the baseline: each one over target, else the largest.
const over = fns.filter((b) => !within(b));
const largest = fns.reduce((a, b) => (b.bytes > a.bytes ? b : a));
for (const b of over.length ? over : [largest]) {
  const extras = extraOver(b.metafile, baseline.metafile);
  const total = extras.reduce((sum, [, bytes]) => sum + bytes, 0);
  console.log(`\n${b.name}: what it adds over the baseline bundle (output KB, top 6 of ${kb(total)} KB)`);
  console.log(extras.slice(0, 6).map(([group, bytes]) => `  ${kb(bytes).padStart(7)}  ${group}`).join("\n"));
}

const other = verdictBy === "cpu" ? "wall" : "cpu";
const overOther = fns.filter((b) => !within(b, other));
console.log(
  `\n${fns.length - over.length}/${fns.length} functions within ${TARGET}× of the baseline on size and ${verdictBy === "cpu" ? "CPU" : "init"} time` +
    (over.length ? ` (over: ${over.map((b) => b.name).join(", ")})` : "") +
    `; on size and ${other === "cpu" ? "CPU" : "init"} time: ${fns.length - overOther.length}/${fns.length}; ${Math.round((performance.now() - started) / 1000)} s total`,
);

if (!process.env.BENCH_KEEP) rmSync(outDir, { recursive: true, force: true });
