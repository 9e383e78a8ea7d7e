import { describe, expect, it } from "vitest";
import { heapSplit } from "../../bench/heap-split";
import type { HeapSample } from "../../bench/stack-process";

const MiB = 1024 ** 2;
const STARTED = 1_000_000;
const heap = (capacityMiB: number) => ({ heapSize: (capacityMiB / 2) * MiB, heapCapacity: capacityMiB * MiB, extraMemorySize: 0, objectCount: 1, objectTypeCounts: { Object: 1 } });
const sample = (seconds: number, rssMiB: number, functions: HeapSample["functions"]): HeapSample => ({
  at: STARTED + seconds * 1000,
  memoryUsage: { rss: rssMiB * MiB, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 },
  main: heap(30),
  functions,
});
/** The row of a part: its name, then first, last, growth and one figure per minute. */
const row = (table: string, part: string) => table.split("\n").find((line) => line.startsWith(part))!.slice(part.length).trim().split(/\s{2,}/);

describe("the soak's split of the stack's process", () => {
  // Resident memory 300 MiB for the first half, 330 for the second; heaps: the thread's 30, A 10, B 20.
  const samples = [0, 15, 30, 45, 60, 75, 90, 105, 120].map((seconds) => {
    const functions: HeapSample["functions"] = { A: heap(10), B: heap(20) };
    // B is busy past the report's timeout in two samples of the last window.
    if (seconds >= 105) delete functions.B;
    return sample(seconds, seconds < 60 ? 300 : 330, functions);
  });
  const before = sample(-15, 100, { A: heap(10), B: heap(20) });
  const text = heapSplit([before, ...samples].map((entry) => JSON.stringify(entry)).join("\n"), { soakStartedAt: STARTED, endSeconds: 120, windowSeconds: 30, everySeconds: 15 });

  it("counts a missing environment with its last report, so the rest is not inflated by it", () => {
    expect(row(text, "the rest (native: JIT code, allocator, buffers, stacks)")[0]).toBe("240.0");
    expect(row(text, "the rest (native: JIT code, allocator, buffers, stacks)")[1]).toBe("270.0");
    expect(row(text, "the rest (native: JIT code, allocator, buffers, stacks)")[2]).toBe("12.50%");
    expect(row(text, "2 function environments' JS heaps").slice(0, 3)).toEqual(["30.0", "30.0", "0.00%"]);
    expect(text).toContain("2 environment report(s) missing");
  });

  it("leaves out samples taken before the soak, and gives a median per minute", () => {
    expect(row(text, "resident memory")).toEqual(["300.0", "330.0", "10.00%", "300", "330"]);
    expect(text).toContain("heap samples every 15 s: 9, first 30 s: 3, last: 3");
  });

  it("says so when no sample falls in the soak", () => {
    expect(heapSplit(JSON.stringify(before), { soakStartedAt: STARTED, endSeconds: 120, windowSeconds: 30, everySeconds: 15 })).toMatch(/No heap samples/);
  });
});
