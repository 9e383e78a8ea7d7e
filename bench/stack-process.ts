/**
 * Starts the offline stack in a child process (bench/stack-serve.ts) on free ports, with
 * customers and stocked products for a load test, and stops it by its PID. The child is the
 * root of the process tree a bench samples (bench/process-tree.ts): the stack's own process
 * with its function workers, and the emulators under it.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { HeapReport } from "../packages/local/src/functions/heap-report";
import { signIn } from "../packages/local/src/stack";

export interface ServeOptions {
  /** Functions built and started before the stack is ready. */
  functions: string[];
  /** Customers created for the bench (each has a rate limit and a daily quota of its own). */
  customers: number;
  /** Products with a stock no run can exhaust, for orders. */
  stockedProducts: number;
  /** Where the stack's log goes. */
  logFile: string;
  /**
   * Run the stack as `bun dev` does (the soak): data kept under `stateDir` (DynamoDB Local on
   * disk rather than in its heap), sources watched and the idle builder stopped. Otherwise as
   * the tests run it: in memory.
   */
  asDev?: boolean;
  stateDir?: string;
  /** Appends a HeapSample to `file` every `everySeconds` once the stack is ready (the soak). */
  heapLog?: { file: string; everySeconds: number };
}

/** One line of `heapLog`: the stack's process at one moment. */
export interface HeapSample {
  /** Epoch ms. */
  at: number;
  memoryUsage: NodeJS.MemoryUsage;
  /** The stack's own thread: gateway, event sources, fauxqs, local SES. */
  main: HeapReport;
  /** Each warm function environment (a worker thread with a heap of its own). */
  functions: Record<string, HeapReport>;
}

export interface ServedStack {
  apiUrl: string;
  cognitoEndpoint: string;
  clientId: string;
  customers: { email: string; password: string }[];
  stockedProductIds: string[];
  /** Each function asked for: its bundle as the stack built it and the environment the stack gives it. */
  functions: Record<string, { bundle: string; environment: Record<string, string> }>;
}

export interface StackProcess extends ServedStack {
  pid: number;
  /** An access token per customer (USER_PASSWORD_AUTH against the stack's user pool). */
  signInCustomers(): Promise<string[]>;
  stop(): Promise<void>;
}

const serveScript = fileURLToPath(new URL("./stack-serve.ts", import.meta.url));

export async function startStackProcess(options: ServeOptions, startTimeoutMs = 180_000): Promise<StackProcess> {
  // stdin stays open: the child stops its stack when it closes (this process gone).
  const child = spawn(process.execPath, [serveScript, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  const served = await new Promise<ServedStack>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack was not ready within ${startTimeoutMs / 1000} s (log: ${options.logFile})`)), startTimeoutMs);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("STACK_READY ")) return console.log(`[stack] ${line}`);
      clearTimeout(timer);
      resolve(JSON.parse(line.slice("STACK_READY ".length)) as ServedStack);
    });
    void exited.then((code) => (clearTimeout(timer), reject(new Error(`the stack process exited (${code}) before it was ready (log: ${options.logFile})`))));
  }).catch(async (error: Error) => {
    await stop();
    throw error;
  });
  return {
    ...served,
    pid: child.pid!,
    signInCustomers: () => Promise.all(served.customers.map(async ({ email, password }) => (await signIn(served.cognitoEndpoint, served.clientId, email, password)).accessToken)),
    stop,
  };
}
