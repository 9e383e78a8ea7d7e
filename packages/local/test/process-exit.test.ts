import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { own } from "../src/emulators/process";

/** What `own` logs when the emulator exits with `code` before it was asked to stop. */
async function loggedOnExit(code: number): Promise<string[]> {
  const lines: string[] = [];
  const child = spawn("node", ["-e", `console.log("last words"); process.exit(${code})`], { stdio: ["ignore", "pipe", "pipe"] });
  own("emulator", child, "http://127.0.0.1:1", (line) => lines.push(line));
  await once(child, "exit");
  await new Promise((resolve) => setImmediate(resolve));
  return lines;
}

describe("an emulator that exits on its own", () => {
  it("is reported with its exit code", async () => {
    expect((await loggedOnExit(1)).filter((line) => line.startsWith("emulator exited with code 1:"))).toHaveLength(1);
  });

  it("is not reported when it exited on Ctrl-C (130), which the terminal sends to every process of bun dev", async () => {
    expect((await loggedOnExit(130)).filter((line) => line.includes("exited"))).toEqual([]);
  });
});
