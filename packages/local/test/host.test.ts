import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FunctionError, FunctionHost, FunctionTimeoutError } from "../src/functions/host";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "emporium-host-"));
const lines: string[] = [];
const host = new FunctionHost(root, out, (source, line) => lines.push(`${source} ${line}`));
const fixture = (name: string) => `packages/local/test/fixtures/handlers.${name}`;
const base = { memoryMb: 128, timeoutMs: 10_000, environment: {} };

beforeAll(async () => {
  await host.add([
    { ...base, name: "Slow", handler: fixture("slow"), timeoutMs: 300 },
    { ...base, name: "Count", handler: fixture("count") },
    { ...base, name: "Remaining", handler: fixture("remaining") },
    { ...base, name: "Fails", handler: fixture("fails") },
    { ...base, name: "Work", handler: fixture("work") },
    { ...base, name: "WithTable", handler: fixture("environment"), environment: { SST_RESOURCE_Table: '{"name":"t"}' } },
    { ...base, name: "WithoutTable", handler: fixture("environment"), environment: { SST_RESOURCE_CursorSecret: '{"value":"s"}' } },
  ]);
});

afterAll(async () => {
  await host.close();
  rmSync(out, { recursive: true, force: true });
});

describe("function host", () => {
  it("fails an invocation that runs past the function's timeout, as Lambda does", async () => {
    const started = Date.now();
    await expect(host.invoke("Slow", {})).rejects.toThrow(FunctionTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("keeps an execution environment warm between invocations", async () => {
    expect(await host.invoke("Count", {})).toEqual({ invocations: 1 });
    expect(await host.invoke("Count", {})).toEqual({ invocations: 2 });
  });

  it("gives the handler a Lambda context with its remaining time", async () => {
    const result = (await host.invoke("Remaining", {})) as { remaining: number; functionName: string };
    expect(result.remaining).toBeGreaterThan(5_000);
    expect(result.remaining).toBeLessThanOrEqual(10_000);
    expect(result.functionName).toBe("emporium-local-Remaining");
  });

  it("gives each function only its own environment", async () => {
    expect(await host.invoke("WithTable", {})).toEqual({ table: '{"name":"t"}', secret: null });
    expect(await host.invoke("WithoutTable", {})).toEqual({ table: null, secret: '{"value":"s"}' });
  });

  it("reports a thrown error as a function error and captures what the function logged", async () => {
    await expect(host.invoke("Fails", {})).rejects.toThrow(FunctionError);
    await expect(host.invoke("Fails", {})).rejects.toMatchObject({ errorType: "TypeError", message: "boom" });
    // The worker's output reaches the host after its answer: wait for the line, not for a while.
    await vi.waitFor(() => expect(lines).toContain('fn:Fails {"level":"INFO","message":"about to fail"}'), { timeout: 2_000, interval: 10 });
  });

  it("reports what Lambda would bill and size by: duration per invocation rounded up, its busy part, one init per cold start, memory held", async () => {
    await host.invoke("Work", { cpuMs: 60, waitMs: 100, holdMb: 0 });
    const before = host.metrics().Work!;
    const running = host.invoke("Work", { cpuMs: 60, waitMs: 100, holdMb: 40 });
    expect(host.metrics().Work!.inFlight).toBe(1);
    await running;
    await host.invoke("Work", { cpuMs: 60, waitMs: 100, holdMb: 40 });
    const after = host.metrics().Work!;
    expect(after.inFlight).toBe(0);
    expect(after.invocations - before.invocations).toBe(2);
    // Two invocations of ≥ 160 ms each, billed in whole milliseconds; of that ~60 ms each is computing.
    expect(after.billedMs - before.billedMs).toBeGreaterThanOrEqual(320);
    expect(Number.isInteger(after.billedMs)).toBe(true);
    expect(after.cpuMs - before.cpuMs).toBeGreaterThanOrEqual(110);
    expect(after.cpuMs - before.cpuMs).toBeLessThan(after.billedMs - before.billedMs - 150);
    // The environment was warm: no further init.
    expect(after.coldStarts).toBe(1);
    expect(after.initMs).toBeGreaterThan(0);
    expect(after.peakMemoryBytes).toBeGreaterThanOrEqual(40 * 2 ** 20);
    expect(before.peakMemoryBytes).toBeLessThan(40 * 2 ** 20);
  });

  it("reports each warm environment's own heap where the runtime has one (Bun), and leaves invocations undisturbed", async () => {
    await host.invoke("Count", {});
    const started = Date.now();
    const reports = await host.heapReports(5_000);
    // Answered by the environments, not left to the timeout.
    expect(Date.now() - started).toBeLessThan(4_000);
    if ("Bun" in globalThis) {
      expect(reports.Count!.heapSize).toBeGreaterThan(0);
      expect(reports.Count!.heapCapacity).toBeGreaterThanOrEqual(reports.Count!.heapSize);
      expect(Object.keys(reports.Count!.objectTypeCounts).length).toBeGreaterThan(0);
    } else {
      // Node's workers have no bun:jsc: nothing to report, rather than figures of the wrong heap.
      expect(reports).toEqual({});
    }
    expect(Object.keys(reports).every((name) => host.metrics()[name]!.invocations > 0)).toBe(true);
    const { invocations } = (await host.invoke("Count", {})) as { invocations: number };
    expect(invocations).toBeGreaterThan(1);
  });
});
