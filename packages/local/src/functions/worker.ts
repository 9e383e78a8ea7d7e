/**
 * One warm "execution environment" of a function: a worker thread that imports the bundle once
 * (its cold start) and runs invocations posted by the host. Its environment is the function's
 * own (only the resources it links), as on Lambda.
 */
import { parentPort, workerData } from "node:worker_threads";
import { randomUUID } from "node:crypto";
import { functionArn } from "../local-account";
import { heapReport } from "./heap-report";

interface Invocation {
  id: number;
  event: unknown;
  deadline: number;
}

const { url, exportName, config } = workerData as {
  url: string;
  exportName: string;
  config: { functionName: string; memoryMb: number; region: string };
};

/**
 * This thread's CPU time in ms: its own CPU clock where the runtime has one (Bun; Node ≥ 23.9),
 * else the time its event loop was busy (Node 20), which is CPU time plus any time the thread
 * was descheduled while busy.
 */
const threadCpu = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
const cpuClock = threadCpu
  ? () => {
      const { user, system } = threadCpu.call(process);
      return (user + system) / 1000;
    }
  : () => performance.eventLoopUtilization().active;

// Init (the cold start's import), timed as Lambda reports it in its REPORT line, and its CPU time.
const initStarted = performance.now();
const initCpuStarted = cpuClock();
let init: { ms: number; cpuMs: number } | undefined;
const loaded = import(url).then((module) => {
  init = { ms: performance.now() - initStarted, cpuMs: cpuClock() - initCpuStarted };
  const handler = module[exportName];
  if (typeof handler !== "function") throw new Error(`${url} does not export a function named ${exportName}`);
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
});

parentPort!.on("message", async (message: Invocation | { heapReport: number }) => {
  if ("heapReport" in message) return parentPort!.postMessage({ heapReportOf: message.heapReport, heap: await heapReport(25) });
  const { id, event, deadline } = message;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: functionArn(config.region, config.functionName),
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  let started = performance.now();
  let cpuStarted = cpuClock();
  // What Lambda would report for this invocation: its duration, and (once) the init before it;
  // the memory is this environment's own heap and off-heap buffers (workers share the process's
  // RSS); `cpuMs` is the part of the duration that would stretch on Lambda's smaller CPU shares
  // (the rest is waiting on the network).
  const usage = () => {
    const { heapTotal, external } = process.memoryUsage();
    const report = { durationMs: performance.now() - started, cpuMs: cpuClock() - cpuStarted, init, memoryBytes: heapTotal + external };
    init = undefined;
    return report;
  };
  try {
    const handler = await loaded;
    started = performance.now();
    cpuStarted = cpuClock();
    const result = await handler(event, context);
    parentPort!.postMessage({ id, result: result === undefined ? undefined : JSON.parse(JSON.stringify(result)), usage: usage() });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id, error: { errorType: failure.name, errorMessage: failure.message, stack: failure.stack }, usage: usage() });
  }
});
