import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FunctionHost, FunctionTimeoutError } from "../src/functions/host";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "emporium-host-"));
const host = new FunctionHost(root, out);

afterAll(async () => {
  await host.close();
  rmSync(out, { recursive: true, force: true });
});

describe("function host", () => {
  it("fails an invocation that runs past the function's timeout, as Lambda does", async () => {
    await host.add([{ name: "Slow", handler: "packages/local/test/fixtures/handlers.slow", memoryMb: 128, timeoutMs: 300 }]);
    const started = Date.now();
    await expect(host.invoke("Slow", {})).rejects.toThrow(FunctionTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("gives the handler a Lambda context with its remaining time", async () => {
    await host.add([{ name: "Remaining", handler: "packages/local/test/fixtures/handlers.remaining", memoryMb: 128, timeoutMs: 10_000 }]);
    const result = (await host.invoke("Remaining", {})) as { remaining: number; functionName: string };
    expect(result.remaining).toBeGreaterThan(5_000);
    expect(result.remaining).toBeLessThanOrEqual(10_000);
    expect(result.functionName).toBe("emporium-local-Remaining");
  });
});
