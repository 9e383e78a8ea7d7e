/** What a heap report carries: one thread's own heap (each function environment has its own). */
export interface HeapReport {
  heapSize: number;
  heapCapacity: number;
  extraMemorySize: number;
  objectCount: number;
  /** The most numerous object types, most first. */
  objectTypeCounts: Record<string, number>;
}

/**
 * The calling thread's heap with its `topTypes` most numerous object types, where the runtime
 * has one (Bun's `bun:jsc`); undefined on Node.
 */
export async function heapReport(topTypes: number): Promise<HeapReport | undefined> {
  if (!("Bun" in globalThis)) return undefined;
  // A specifier in a variable: esbuild leaves it to the runtime, and only Bun has it.
  const jsc: string = "bun:jsc";
  const { heapStats } = (await import(jsc)) as { heapStats(): HeapReport };
  const stats = heapStats();
  const top = Object.entries(stats.objectTypeCounts).sort((a, b) => b[1] - a[1]).slice(0, topTypes);
  return { heapSize: stats.heapSize, heapCapacity: stats.heapCapacity, extraMemorySize: stats.extraMemorySize, objectCount: stats.objectCount, objectTypeCounts: Object.fromEntries(top) };
}
