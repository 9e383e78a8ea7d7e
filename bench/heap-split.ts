/**
 * Where the stack's process keeps its memory during a soak, from the heap samples it writes
 * (bench/stack-serve.ts `heapLog`): its thread's JavaScript heap, each function environment's,
 * and the rest of its resident memory (native), per window and per minute.
 */
import type { HeapSample } from "./stack-process";
import { quantile } from "./stats";
import { renderTable } from "./table";

/**
 * The stack's own process, split: its thread's JavaScript heap, its function environments'
 * heaps (each a worker thread with a heap of its own) and the rest of its resident memory, from
 * the samples it wrote during the soak. Heap capacity is what bun:jsc holds for the heap, live
 * objects and garbage not yet collected. An environment busy past the report's timeout is
 * counted with its last report, so that every sample sums the same environments.
 */
export function heapSplit(jsonLines: string, { soakStartedAt, endSeconds, windowSeconds, everySeconds }: { soakStartedAt: number; endSeconds: number; windowSeconds: number; everySeconds: number }): string {
  const lastReports: HeapSample["functions"] = {};
  let carried = 0;
  const all = jsonLines
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as HeapSample)
    .map((sample) => {
      const missing = Object.keys(lastReports).filter((name) => !(name in sample.functions));
      if (sample.at >= soakStartedAt) carried += missing.length;
      Object.assign(lastReports, sample.functions);
      return { ...sample, functions: { ...lastReports } };
    });
  const during = all.filter((sample) => sample.at >= soakStartedAt);
  if (during.length === 0) return "No heap samples of the stack's process during the soak.";
  const environments = Math.max(...during.map((sample) => Object.keys(sample.functions).length));
  const MiB = 1024 ** 2;
  const seconds = (sample: HeapSample) => (sample.at - soakStartedAt) / 1000;
  const functionHeaps = (sample: HeapSample) => Object.values(sample.functions).reduce((sum, heap) => sum + heap.heapCapacity, 0);
  const parts: [string, (sample: HeapSample) => number][] = [
    ["resident memory", (sample) => sample.memoryUsage.rss],
    ["its thread's JS heap (gateway, event sources, fauxqs, SES)", (sample) => sample.main.heapCapacity],
    [`${environments} function environments' JS heaps`, functionHeaps],
    ["the rest (native: JIT code, allocator, buffers, stacks)", (sample) => sample.memoryUsage.rss - sample.main.heapCapacity - functionHeaps(sample)],
  ];
  const window = (from: number, to: number) => during.filter((sample) => seconds(sample) >= from && seconds(sample) <= to);
  const first = window(0, windowSeconds);
  const last = window(endSeconds - windowSeconds, endSeconds);
  const median = (samples: HeapSample[], pick: (sample: HeapSample) => number) => (samples.length > 0 ? quantile(samples.map(pick), 0.5) : Number.NaN);
  const minutes = Array.from({ length: Math.max(1, Math.floor(endSeconds / 60)) }, (_, minute) => window(minute * 60, (minute + 1) * 60));
  const title =
    `The stack's process, split (its own heap samples every ${everySeconds} s: ${during.length}, first ${windowSeconds} s: ${first.length}, ` +
    `last: ${last.length}; ${carried} environment report(s) missing, their last one counted), MiB:`;
  const table = renderTable(
    ["part", "first", "last", "growth", ...minutes.map((_, minute) => `${minute}–${minute + 1}`)],
    parts.map(([name, pick]) => {
      const [before, after] = [median(first, pick), median(last, pick)];
      return [name, (before / MiB).toFixed(1), (after / MiB).toFixed(1), `${(((after - before) / before) * 100).toFixed(2)}%`, ...minutes.map((samples) => (median(samples, pick) / MiB).toFixed(0))];
    }),
  );
  return `${title}\n${table}`;
}
