/**
 * Memory sizes from measurements. Lambda gives a function CPU in proportion to its memory (one
 * full vCPU at 1,769 MB), so a smaller size is cheaper per millisecond but stretches the part of
 * each invocation that computes (its CPU time, measured as the environment's busy event loop)
 * and the cold start (the bundle's import, which is computation). Waiting on DynamoDB and the
 * other services does not stretch. This machine's core stands in for one Lambda vCPU.
 *
 * A function gets the smallest size that
 * 1. holds its memory with room to spare: ≥ 1.5 × (the RSS of a plain Node process that has
 *    imported its bundle, plus the most heap and off-heap memory its environment held after an
 *    invocation in the flows: the bundle's own heap is counted twice, so this errs large);
 * 2. keeps its cold start within budget: init CPU time × 1769 / size ≤ 1 s for routes (a person
 *    waits), 3 s for consumers and schedules (CPU time, not wall-clock time, which on a shared
 *    machine includes waiting for a core);
 * 3. keeps its warm invocations within budget: the stretched CPU time adds ≤ 25 ms for routes,
 *    ≤ 250 ms for consumers and schedules (the order pipeline's target is 1.5 s end to end).
 */
import type { FunctionMetrics } from "../../packages/local/src/functions/host";

export const FULL_VCPU_MB = 1769;
export const SIZES = [128, 256, 512, 768, 1024, 1536, 1769, 2048] as const;
const HEADROOM = 1.5;
const BUDGETS = {
  route: { initMs: 1000, warmExtraMs: 25 },
  background: { initMs: 3000, warmExtraMs: 250 },
} as const;

export interface MemoryMeasurement {
  name: string;
  kind: keyof typeof BUDGETS;
  configuredMb: number;
  invocations: number;
  meanDurationMs: number;
  meanCpuMs: number;
  meanInitMs?: number;
  meanInitCpuMs?: number;
  peakHeapMb: number;
  initRssMb: number;
  estimatedRssMb: number;
  recommendedMb?: number;
  why: string;
}

/** Duration at `memoryMb`: the waiting as measured, the computing stretched by the CPU share. */
export function projectedMs(meanDurationMs: number, meanCpuMs: number, memoryMb: number): number {
  const cpu = Math.min(meanCpuMs, meanDurationMs);
  return meanDurationMs - cpu + cpu * Math.max(1, FULL_VCPU_MB / memoryMb);
}

export function recommend(name: string, kind: keyof typeof BUDGETS, configuredMb: number, metrics: FunctionMetrics, initRssMb: number): MemoryMeasurement {
  const meanDurationMs = metrics.invocations ? metrics.billedMs / metrics.invocations : 0;
  const meanCpuMs = metrics.invocations ? metrics.cpuMs / metrics.invocations : 0;
  const meanInitMs = metrics.coldStarts ? metrics.initMs / metrics.coldStarts : undefined;
  const meanInitCpuMs = metrics.coldStarts ? metrics.initCpuMs / metrics.coldStarts : undefined;
  const peakHeapMb = metrics.peakMemoryBytes / 2 ** 20;
  const estimatedRssMb = initRssMb + peakHeapMb;
  const base = { name, kind, configuredMb, invocations: metrics.invocations, meanDurationMs, meanCpuMs, meanInitMs, meanInitCpuMs, peakHeapMb, initRssMb, estimatedRssMb };
  if (metrics.invocations === 0 || meanInitCpuMs === undefined) return { ...base, why: "not run by the flows: not measured" };
  const budget = BUDGETS[kind];
  const fits = (size: number) => {
    if (size < HEADROOM * estimatedRssMb) return `memory (${estimatedRssMb.toFixed(0)} MB × ${HEADROOM})`;
    if (meanInitCpuMs * Math.max(1, FULL_VCPU_MB / size) > budget.initMs) return `cold start (${meanInitCpuMs.toFixed(0)} ms CPU, ≤ ${budget.initMs} ms)`;
    if (projectedMs(meanDurationMs, meanCpuMs, size) - meanDurationMs > budget.warmExtraMs) return `warm CPU (${meanCpuMs.toFixed(1)} ms at 1 vCPU, +≤ ${budget.warmExtraMs} ms)`;
    return undefined;
  };
  let binding = "";
  for (const size of SIZES) {
    const refusal = fits(size);
    if (!refusal) return { ...base, recommendedMb: size, why: binding ? `smaller sizes fail: ${binding}` : "the smallest size" };
    binding = refusal;
  }
  return { ...base, recommendedMb: SIZES.at(-1), why: `even ${SIZES.at(-1)} MB fails: ${binding}` };
}
