import { spawn } from "node:child_process";
import { once } from "node:events";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import { YIELDING_NICENESS, yieldCpu } from "../src/emulators/process";

describe("yieldCpu", () => {
  it("runs a child ten steps of niceness below this process", async () => {
    const child = spawn("sleep", ["5"], { stdio: "ignore" });
    try {
      expect(getPriority(child.pid!)).toBe(getPriority());
      yieldCpu(child);
      expect(getPriority(child.pid!)).toBe(Math.min(19, getPriority() + YIELDING_NICENESS));
    } finally {
      child.kill();
      await once(child, "exit");
    }
  });

  it("leaves a child that has already exited as it is, without throwing", async () => {
    const child = spawn("true", [], { stdio: "ignore" });
    await once(child, "exit");
    expect(() => yieldCpu(child)).not.toThrow();
  });
});
