/**
 * Measures one operation against a running offline stack: warm-up runs (builds and cold
 * starts are not what an operation costs), then `runs` runs, one at a time as a quiet month's
 * traffic arrives; an operation that sets off the pipeline waits for it to settle after each
 * run, so every consumer invocation it causes falls inside its window and batches hold one order.
 */
import type { Stack } from "../../packages/local/src/stack";
import type { FunctionMetrics } from "../../packages/local/src/functions/host";
import type { MappingStats } from "../../packages/local/src/event-sources";
import type { FunctionLog } from "./meter-log";
import type { Operation, OperationContext } from "./operations";
import { addCalls, emptyRequests, type OperationUsage } from "./usage";

export interface MeasureOptions {
  stack: Stack;
  log: FunctionLog;
  context: OperationContext;
  runs: number;
  warmUps: number;
  /** Functions that run on their own (schedules), kept out of every operation's window. */
  background: ReadonlySet<string>;
  /** Requests per second at most, under every caller's rate limit. */
  pace: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measure(operation: Operation, options: MeasureOptions): Promise<OperationUsage> {
  const { stack, log, context, runs, warmUps, background, pace } = options;
  for (let index = 0; index < warmUps; index++) {
    await operation.run(context, index);
    if (operation.pipeline) await settle(stack, background);
  }
  // Log lines reach the host a little after the answer they belong to.
  await sleep(500);

  const mark = log.mark();
  const functionsBefore = stack.functionMetrics();
  const mappingsBefore = stack.eventSources.stats();
  const usage: OperationUsage = { name: operation.name, runs, httpRequests: 0, responseBytes: 0, functions: {}, dynamodb: [], requests: emptyRequests(), calls: {} };
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    const exchange = await operation.run(context, warmUps + index);
    if (exchange) {
      usage.httpRequests++;
      usage.responseBytes += exchange.responseBytes;
    }
    if (operation.pipeline) await settle(stack, background);
    else await sleep(Math.max(0, 1000 / pace - (performance.now() - started)));
  }
  await sleep(operation.pipeline ? 0 : 500);

  const entries = log.since(mark).filter((entry) => !background.has(entry.functionName));
  addCalls(usage, entries);
  const functionsAfter = stack.functionMetrics();
  for (const [name, after] of Object.entries(functionsAfter)) {
    if (background.has(name)) continue;
    const before = functionsBefore[name]!;
    const invocations = after.invocations - before.invocations;
    if (invocations === 0) continue;
    const lines = entries.filter((entry) => entry.functionName === name && !entry.meter);
    usage.functions[name] = {
      invocations,
      billedMs: after.billedMs - before.billedMs,
      cpuMs: after.cpuMs - before.cpuMs,
      logBytes: lines.reduce((sum, entry) => sum + entry.bytes, 0),
      logEvents: lines.length,
    };
  }
  const mappingsAfter = stack.eventSources.stats();
  for (const [name, after] of Object.entries(mappingsAfter)) {
    const before = mappingsBefore[name]!;
    usage.requests.sqsReceives += after.receives - before.receives;
    usage.requests.sqsDeletes += after.deleteBatches - before.deleteBatches;
  }
  const routeInvocations = usage.functions[operation.routeFunction]?.invocations ?? 0;
  // A scheduled function also fires on its own schedule meanwhile: every firing is a run.
  if (operation.scheduled && routeInvocations >= runs) usage.runs = routeInvocations;
  else if (routeInvocations !== runs) throw new Error(`${operation.name}: ${operation.routeFunction} ran ${routeInvocations} times for ${runs} requests`);
  return usage;
}

/**
 * Waits until no function (but the background ones) is running or has been invoked, and no
 * event source has delivered a record, for `quietMs`: the pipeline has done all it will for what
 * was sent.
 */
export async function settle(stack: Stack, background: ReadonlySet<string>, quietMs = 3000, timeoutMs = 60_000): Promise<void> {
  const fingerprint = () => JSON.stringify([activity(stack.functionMetrics(), background), deliveries(stack.eventSources.stats())]);
  const started = Date.now();
  let last = fingerprint();
  let quietSince = Date.now();
  while (Date.now() - started < timeoutMs) {
    await sleep(200);
    const now = fingerprint();
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`the pipeline did not settle within ${timeoutMs / 1000} s`);
}

function activity(metrics: Record<string, FunctionMetrics>, background: ReadonlySet<string>) {
  return Object.entries(metrics).flatMap(([name, metric]) => (background.has(name) ? [] : [metric.invocations, metric.inFlight]));
}

function deliveries(stats: Record<string, MappingStats>) {
  return Object.values(stats).map((stat) => stat.recordsDelivered + stat.recordsFiltered);
}
