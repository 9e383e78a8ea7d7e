import type { ChildProcess } from "node:child_process";
import { getPriority, setPriority } from "node:os";
import { waitUntil } from "./ports";

/** A child process the stack owns: stopping it sends SIGTERM, then SIGKILL after a grace period. */
export interface Emulator {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * An emulator whose process has been spawned and is starting. Spawning loads nothing heavy, so
 * `bun dev` can start every emulator before the rest of the runtime has loaded; `answering()`
 * resolves once it serves (or rejects, having stopped it).
 */
export interface SpawnedEmulator {
  emulator: Emulator;
  answering(): Promise<Emulator>;
}

const running = new Set<ChildProcess>();

/** Whatever happens to this process, its children go with it. */
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** The exit code of a program that ended on SIGINT (128 + 2). */
const INTERRUPTED = 130;

export function own(name: string, child: ChildProcess, endpoint: string, log: (line: string) => void): Emulator {
  running.add(child);
  let stopping = false;
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      tail.push(line);
      if (tail.length > 50) tail.shift();
      log(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", (code, signal) => {
    running.delete(child);
    // 130 is an exit on Ctrl-C (kinesis-local's runtime makes it one): the terminal sends it to
    // every process of `bun dev` at once, and one that stops before it is asked is no failure.
    if (code && code !== INTERRUPTED && !stopping) log(`${name} exited with code ${code}${signal ? ` (${signal})` : ""}:\n${tail.join("\n")}`);
  });
  return {
    name,
    endpoint,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Waits until `probe` says the emulator serves, or its process dies (which ends the wait at
 * once with the exit status, rather than after the whole timeout); stops it on failure.
 */
export async function whenReady(emulator: Emulator, child: ChildProcess, probe: () => Promise<boolean>): Promise<Emulator> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  try {
    await waitUntil(emulator.name, async () => exited() || (await probe()));
    if (exited()) throw new Error(`${emulator.name} exited while starting (${child.exitCode ?? child.signalCode})`);
    return emulator;
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

/**
 * How many steps of niceness below this process a yielding child runs (`os.setPriority`): about
 * a tenth of this process's share of a busy CPU, and no difference while the CPU is free.
 */
export const YIELDING_NICENESS = 10;

/**
 * Lowers a child's CPU priority, so that while the cores are busy it runs after the processes
 * that matter more. A hint only: where the system refuses it, nothing changes but the order.
 */
export function yieldCpu(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    setPriority(child.pid, Math.min(19, getPriority() + YIELDING_NICENESS));
  } catch {
    // Refused (or the process already exited): it keeps its priority.
  }
}
