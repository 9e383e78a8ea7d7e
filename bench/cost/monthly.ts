/**
 * The monthly bill for a traffic mix: each operation's measured cost times how often the mix
 * says it happens (public catalogue reads answered from CloudFront's cache cost only the
 * Router's request and the bytes), plus what runs whatever the traffic (the Kinesis stream's
 * hours, Lambda's idle SQS polling, scheduled functions, metrics, alarms, the dashboard) and
 * X-Ray, whose per-function reservoir makes its cost depend on the rate, not only the count.
 */
import type { Operation } from "./operations";
import { edgeHitCost, operationCost, type Model } from "./operation-cost";
import { add, total, zero, type Costs } from "./services";
import type { OperationUsage } from "./usage";

export const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** HTTP API detailed route metrics: Count, 4xx, 5xx, Latency, IntegrationLatency, DataProcessed. */
const METRICS_PER_ROUTE = 6;

export interface StandingFacts {
  kinesisStreams: number;
  sqsMappings: number;
  /** Measured runs of each scheduled function and how often it fires in a month. */
  schedules: { usage: OperationUsage; perMonth: number }[];
  /** Custom metrics the functions emitted (EMF), by namespace, name and dimensions. */
  customMetrics: number;
  alarmMetrics: number;
  dashboards: number;
}

export interface OperationLine {
  name: string;
  perMonth: number;
  /** Of those, answered from CloudFront's cache. */
  edgeHits: number;
  perRun: Costs;
  monthly: Costs;
}

export interface Bill {
  operations: OperationLine[];
  standing: { what: string; costs: Partial<Costs> }[];
  byService: Costs;
  total: number;
  /** Traces X-Ray records in a month, per function. */
  traces: Record<string, number>;
}

export function projectBill(operations: Operation[], usages: Map<string, OperationUsage>, model: Model, facts: StandingFacts): Bill {
  const { mix, prices } = model;
  const price = prices.price;
  const invocationsPerMonth: Record<string, number> = {};
  const countInvocations = (usage: OperationUsage, times: number) => {
    for (const [name, fn] of Object.entries(usage.functions)) invocationsPerMonth[name] = (invocationsPerMonth[name] ?? 0) + (fn.invocations / usage.runs) * times;
  };

  const lines: OperationLine[] = [];
  for (const operation of operations) {
    const share = mix.shares[operation.name] ?? 0;
    if (share === 0) continue;
    const usage = usages.get(operation.name)!;
    const perMonth = mix.requestsPerMonth * share;
    const edgeHits = operation.edgeCacheable ? perMonth * mix.viaRouter * mix.edgeCacheHitRatio : 0;
    const perRun = operationCost(usage, model);
    const monthly = add(add(zero(), perRun, perMonth - edgeHits), edgeHitCost(usage, prices), edgeHits);
    countInvocations(usage, perMonth - edgeHits);
    lines.push({ name: operation.name, perMonth, edgeHits, perRun, monthly });
  }

  const standing: Bill["standing"] = [];
  standing.push({ what: `Kinesis on-demand stream-hours (${facts.kinesisStreams} stream × ${HOURS_PER_MONTH} h)`, costs: { Kinesis: facts.kinesisStreams * HOURS_PER_MONTH * price("kinesis.onDemand.streamHour") } });
  const idleReceives = facts.sqsMappings * mix.sqsPollersPerQueue * 3 * 60 * HOURS_PER_MONTH;
  standing.push({ what: `Lambda's idle SQS polling (${facts.sqsMappings} queues × ${mix.sqsPollersPerQueue} pollers × 3 receives/min)`, costs: { SQS: idleReceives * price("sqs.request") } });
  for (const schedule of facts.schedules) {
    const name = Object.keys(schedule.usage.functions).join(", ");
    standing.push({ what: `scheduled ${name} (${schedule.perMonth.toLocaleString("en")} runs)`, costs: add(zero(), operationCost(schedule.usage, model), schedule.perMonth) });
    countInvocations(schedule.usage, schedule.perMonth);
  }
  const routes = lines.length;
  standing.push({
    what: `CloudWatch: ${facts.customMetrics} custom metrics (EMF), ${routes} × ${METRICS_PER_ROUTE} API route metrics, ${facts.alarmMetrics} alarm metrics, ${facts.dashboards} dashboard`,
    costs: {
      "CloudWatch metrics, alarms, dashboard":
        (facts.customMetrics + routes * METRICS_PER_ROUTE) * price("cloudwatch.metric") + facts.alarmMetrics * price("cloudwatch.alarmMetric") + facts.dashboards * price("cloudwatch.dashboard"),
    },
  });
  const traces = Object.fromEntries(Object.entries(invocationsPerMonth).map(([name, invocations]) => [name, tracesOf(invocations, mix.xray)]));
  const traceCount = Object.values(traces).reduce((sum, count) => sum + count, 0);
  // If the reservoir were one for the whole account instead of one per function:
  const shared = tracesOf(Object.values(invocationsPerMonth).reduce((sum, count) => sum + count, 0), mix.xray);
  standing.push({
    what: `X-Ray: ${Math.round(traceCount).toLocaleString("en")} traces, active tracing on every function (one reservoir for the account instead: ${Math.round(shared).toLocaleString("en")}, $${(shared * price("xray.trace")).toFixed(2)})`,
    costs: { "X-Ray": traceCount * price("xray.trace") },
  });

  const byService = zero();
  for (const line of lines) add(byService, line.monthly);
  for (const item of standing) add(byService, item.costs);
  return { operations: lines, standing, byService, total: total(byService), traces };
}

/** Traces of one function in a month: the reservoir's first request each second, then the fixed rate of the rest (even traffic). */
function tracesOf(invocations: number, xray: { reservoirPerSecond: number; fixedRate: number }): number {
  const reservoir = xray.reservoirPerSecond * SECONDS_PER_MONTH;
  return invocations <= reservoir ? invocations : reservoir + xray.fixedRate * (invocations - reservoir);
}

/** Runs a month of an EventBridge `rate(...)` schedule. */
export function runsPerMonth(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`cannot count the runs of ${expression}`);
  const minutes = { minute: 1, hour: 60, day: 1440 }[match[2]!.replace(/s$/, "") as "minute" | "hour" | "day"];
  return (HOURS_PER_MONTH * 60) / (Number(match[1]) * minutes);
}
