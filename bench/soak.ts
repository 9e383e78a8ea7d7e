/**
 * Soak: the load test's mix (bench/load-mix.ts: browse 70%, product page 15%, me 10%, order 5%)
 * on the offline stack for ten minutes, sampling the resident memory of every process of the
 * stack's tree (bench/process-tree.ts: the stack's process with its function workers, and each
 * emulator under it) from /proc.
 *
 *   bun bench/soak.ts     SOAK_SECONDS=s: length of the soak (default 600), after
 *                         SOAK_WARM_UP_SECONDS=s of the same mix that is not measured (default 60)
 *                         SOAK_SAMPLE_SECONDS=s: how often memory is sampled (default 5)
 *                         SOAK_WINDOW_SECONDS=s: the windows compared (default 60)
 *                         SOAK_HEAP_SECONDS=s: how often the stack's process reports its heaps (default 15)
 *                         LOAD_CONNECTIONS=n: concurrent connections (default 32)
 *                         BENCH_KEEP=1: keep the stack's log and every sample (their directory is printed)
 *
 * Growth is the median resident memory of the last window of the soak against the median of its
 * first window, per process and for the whole tree. The stack's own process is also split into
 * its JavaScript heaps (its thread's, and each function environment's: bun:jsc's heap capacity)
 * and the rest of its resident memory (native: JIT code, the allocator, buffers, thread stacks),
 * to tell which of them grows (bench/heap-split.ts). Exits non-zero when the tree grew by more
 * than 5%, when the mix got a non-2xx answer or a connection error, or when the stack fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLASSES, FIGURE_HEADER, figureRow, mixCycle, mixRequests, mixShares, MixTally, runLoad, startMixStack } from "./load-mix";
import { describeMachine, loadAverage } from "./machine";
import { processTree, type ProcessMemory } from "./process-tree";
import { heapSplit } from "./heap-split";
import { quantile } from "./stats";
import { positiveSetting } from "./settings";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const SECONDS = positiveSetting("SOAK_SECONDS", 600);
const WARM_UP_SECONDS = positiveSetting("SOAK_WARM_UP_SECONDS", 60);
const SAMPLE_SECONDS = positiveSetting("SOAK_SAMPLE_SECONDS", 5);
const WINDOW_SECONDS = positiveSetting("SOAK_WINDOW_SECONDS", 60);
const HEAP_SECONDS = positiveSetting("SOAK_HEAP_SECONDS", 15);
const CONNECTIONS = positiveSetting("LOAD_CONNECTIONS", 32);
const MAX_GROWTH = 0.05;
if (2 * WINDOW_SECONDS > SECONDS) throw new Error(`SOAK_SECONDS (${SECONDS}) must hold two windows of SOAK_WINDOW_SECONDS (${WINDOW_SECONDS})`);

interface Sample {
  atSeconds: number;
  processes: ProcessMemory[];
}

const workDir = mkdtempSync(join(tmpdir(), "emporium-soak-"));
const started = new Date();
console.log(`${started.toISOString()}: ${describeMachine()}`);
// The stack as `bun dev` runs it: a soak asks whether a long session leaks, so DynamoDB Local keeps
// the orders it is sent on disk (in memory, its heap would grow with the data by design) and the
// build service stops when idle.
const heapFile = join(workDir, "heaps.jsonl");
const { stack, targets } = await startMixStack(CONNECTIONS, join(workDir, "stack.log"), {
  asDev: true,
  stateDir: join(workDir, "state"),
  heapLog: { file: heapFile, everySeconds: HEAP_SECONDS },
});
let failed = false;
try {
  const settings = { connections: CONNECTIONS, pipelining: 1 };
  const cycle = mixCycle(mixShares());
  console.log(`warming up: ${WARM_UP_SECONDS} s of the mix, not measured …`);
  await runLoad({ url: stack.apiUrl, duration: WARM_UP_SECONDS, requests: mixRequests(targets, new MixTally(), cycle), ...settings });

  console.log(`soaking: ${SECONDS} s of the mix, resident memory of the stack's ${processTree(stack.pid).length} processes every ${SAMPLE_SECONDS} s …`);
  const samples: Sample[] = [];
  const soakStarted = performance.now();
  const soakStartedAt = Date.now();
  const sample = () => samples.push({ atSeconds: (performance.now() - soakStarted) / 1000, processes: processTree(stack.pid) });
  sample();
  const sampler = setInterval(sample, SAMPLE_SECONDS * 1000);
  const tally = new MixTally();
  const { figures } = await runLoad({ url: stack.apiUrl, duration: SECONDS, requests: mixRequests(targets, tally, cycle), ...settings }).finally(() => clearInterval(sampler));
  sample();
  writeFileSync(join(workDir, "samples.json"), JSON.stringify(samples));

  console.log(`\nThe mix (${CLASSES.map((name) => `${name} ${(cycle.filter((entry) => entry === name).length / cycle.length) * 100}%`).join(", ")}), ${CONNECTIONS} connections:`);
  console.log(renderTable(FIGURE_HEADER, [figureRow("soak", figures)]));
  console.log(tally.table());
  const unexpected = tally.non2xx();
  console.log(unexpected.length === 0 ? "non-2xx answers: none" : `non-2xx answers: ${unexpected.map((entry) => `${entry.name} ${entry.status}×${entry.count}`).join(", ")}`);
  if (unexpected.length > 0 || figures.errors > 0) failed = true;

  // ---- memory: first window against last window, per process (by pid) and for the tree
  const end = samples.at(-1)!.atSeconds;
  const first = samples.filter((s) => s.atSeconds <= WINDOW_SECONDS);
  const last = samples.filter((s) => s.atSeconds >= end - WINDOW_SECONDS);
  const MiB = 1024 ** 2;
  const medianOf = (window: Sample[], pick: (sample: Sample) => number | undefined) => {
    const values = window.map(pick).filter((value): value is number => value !== undefined);
    return values.length > 0 ? quantile(values, 0.5) : undefined;
  };
  const total = (sample: Sample) => sample.processes.reduce((sum, process) => sum + process.rssBytes, 0);
  const pids = new Map<number, string>();
  for (const s of samples) for (const process of s.processes) pids.set(process.pid, process.command);
  const growthText = (before?: number, after?: number) => (before === undefined ? "(new)" : after === undefined ? "(gone)" : `${(((after - before) / before) * 100).toFixed(2)}%`);
  const rows = [...pids].map(([pid, command]) => {
    const rss = (s: Sample) => s.processes.find((process) => process.pid === pid)?.rssBytes;
    const [before, after] = [medianOf(first, rss), medianOf(last, rss)];
    const all = samples.map(rss).filter((value): value is number => value !== undefined);
    return [String(pid), command, before === undefined ? "–" : (before / MiB).toFixed(1), after === undefined ? "–" : (after / MiB).toFixed(1), growthText(before, after), `${(Math.min(...all) / MiB).toFixed(1)}–${(Math.max(...all) / MiB).toFixed(1)}`];
  });
  const [totalBefore, totalAfter] = [medianOf(first, total), medianOf(last, total)] as [number, number];
  const growth = (totalAfter - totalBefore) / totalBefore;
  rows.push(["", "total (the whole tree)", (totalBefore / MiB).toFixed(1), (totalAfter / MiB).toFixed(1), growthText(totalBefore, totalAfter), `${(Math.min(...samples.map(total)) / MiB).toFixed(1)}–${(Math.max(...samples.map(total)) / MiB).toFixed(1)}`]);
  console.log(
    `\nResident memory of the stack's process tree: median of the first ${WINDOW_SECONDS} s of the soak (${first.length} samples) ` +
      `against the median of its last ${WINDOW_SECONDS} s (${last.length} samples), after a ${WARM_UP_SECONDS} s warm-up:`,
  );
  console.log(renderTable(["pid", "process", "first MiB", "last MiB", "growth", "min–max MiB"], rows));
  console.log("\nThe tree's total, median per minute of the soak (MiB):");
  // The last sample, taken as the run ends, belongs to the last whole minute.
  const minuteCount = Math.max(1, Math.floor(end / 60));
  const minutes = Array.from({ length: minuteCount }, (_, minute) =>
    samples.filter((s) => s.atSeconds >= minute * 60 && (s.atSeconds < (minute + 1) * 60 || minute === minuteCount - 1)),
  );
  console.log(renderTable(minutes.map((_, minute) => `${minute}–${minute + 1}`), [minutes.map((window) => ((medianOf(window, total) ?? Number.NaN) / MiB).toFixed(0))]));
  if (existsSync(heapFile)) console.log(`\n${heapSplit(readFileSync(heapFile, "utf8"), { soakStartedAt, endSeconds: end, windowSeconds: WINDOW_SECONDS, everySeconds: HEAP_SECONDS })}`);
  console.log(`\ntotal growth ${(growth * 100).toFixed(2)}% (target ≤ ${MAX_GROWTH * 100}%): ${growth <= MAX_GROWTH ? "within" : "over"}`);
  if (growth > MAX_GROWTH) failed = true;
  console.log(`load average at the end: ${loadAverage()}; ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all`);
} finally {
  await stack.stop();
  if (process.env.BENCH_KEEP) console.log(`logs and samples: ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}
if (failed) process.exit(1);
