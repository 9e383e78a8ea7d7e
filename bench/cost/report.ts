/** The cost model's printed tables. */
import { renderTable } from "../table";
import type { PreviewDayLine } from "./preview-day";
import { chargedUnits, groupCalls } from "./capacity";
import type { MemoryMeasurement } from "./memory";
import type { Bill } from "./monthly";
import type { Model } from "./operation-cost";
import { operationCost } from "./operation-cost";
import type { Operation } from "./operations";
import { projectedMs } from "./memory";
import { GROUPS, SERVICES, total, type Costs } from "./services";
import type { OperationUsage } from "./usage";

const usd = (value: number, digits = 2) => `$${value.toFixed(digits)}`;
const micro = (value: number) => (value * 1e6).toFixed(2);
const num = (value: number, digits = 1) => value.toFixed(digits);
const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((total, item) => total + pick(item), 0);

export function usageTable(operations: Operation[], usages: Map<string, OperationUsage>): string {
  const rows = operations.map((operation) => {
    const usage = usages.get(operation.name)!;
    const per = (value: number) => value / usage.runs;
    const fns = Object.values(usage.functions);
    const r = usage.requests;
    return [
      operation.name,
      String(usage.runs),
      num(per(usage.httpRequests), 0),
      num(per(sum(fns, (fn) => fn.invocations))),
      num(per(sum(fns, (fn) => fn.billedMs)), 0),
      num(per(sum(usage.dynamodb, (call) => chargedUnits(call).read))),
      num(per(sum(usage.dynamodb, (call) => chargedUnits(call).write))),
      num(per(usage.dynamodb.length)),
      num(per(r.snsPublishes)),
      num(per(r.sqsSends + r.sqsReceives + r.sqsDeletes)),
      num(per(r.kinesisPutRecords)),
      num(per(r.sesSends)),
      num(per(r.s3Puts + r.s3Gets)),
      num(per(usage.responseBytes), 0),
      num(per(sum(fns, (fn) => fn.logBytes)), 0),
    ];
  });
  return renderTable(
    ["operation", "runs", "API req", "invocations", "billed ms", "RCU", "WCU", "DDB calls", "SNS pub", "SQS req", "Kinesis put", "SES", "S3 req", "bytes out", "log bytes"],
    rows,
  );
}

/** Cost of one run of each operation, in millionths of a dollar (= $ per million runs). */
export function operationCostTable(operations: Operation[], usages: Map<string, OperationUsage>, model: Model): string {
  const groups = Object.entries(GROUPS);
  const rows = operations.map((operation) => {
    const costs = operationCost(usages.get(operation.name)!, model);
    return [operation.name, ...groups.map(([, services]) => micro(sum([...services], (service) => costs[service]))), micro(total(costs))];
  });
  return renderTable(["operation ($ per 1M runs)", ...groups.map(([name]) => name.replace(/ \(.*\)$/, "")), "total"], rows);
}

export function capacityReport(operations: Operation[], usages: Map<string, OperationUsage>): string {
  const parts: string[] = [];
  for (const operation of operations) {
    const usage = usages.get(operation.name)!;
    const groups = groupCalls(usage.dynamodb, usage.runs);
    const measured = sum(groups, (group) => group.read + group.write);
    const minimum = sum(groups, (group) => group.minimum);
    parts.push(`\n${operation.name}: ${num(measured, 2)} units per run, theoretical minimum of the same calls ${num(minimum, 2)}${measured > minimum + 1e-9 ? ` (+${num(measured - minimum, 2)})` : ""}`);
    parts.push(
      renderTable(
        ["function", "call", "for", "per run", "RCU", "WCU", "minimum", "why more, or what the minimum includes"],
        groups.map((group) => [group.functionName, group.call, group.purpose, num(group.count, 2), num(group.read, 2), num(group.write, 2), num(group.minimum, 2), group.reasons.join("; ") || "–"]),
      ),
    );
  }
  return parts.join("\n");
}

export function memoryTable(measurements: MemoryMeasurement[], model: Model): string {
  const price = model.prices.price;
  const perMillion = (measurement: MemoryMeasurement, memoryMb: number) =>
    1e6 * (price("lambda.request") + (projectedMs(measurement.meanDurationMs, measurement.meanCpuMs, memoryMb) / 1000) * (memoryMb / 1024) * price("lambda.arm64.gbSecond"));
  const rows = measurements.map((m) => [
    m.name,
    String(m.invocations),
    num(m.meanDurationMs),
    num(m.meanCpuMs),
    m.meanInitMs === undefined ? "–" : `${num(m.meanInitMs, 0)}/${num(m.meanInitCpuMs!, 0)}`,
    num(m.peakHeapMb),
    num(m.initRssMb, 0),
    num(m.estimatedRssMb, 0),
    String(m.configuredMb),
    m.recommendedMb === undefined ? "–" : String(m.recommendedMb),
    m.invocations ? usd(perMillion(m, m.configuredMb)) : "–",
    m.invocations ? usd(perMillion(m, 1024)) : "–",
    m.why,
  ]);
  return renderTable(
    ["function", "runs", "ms (1 vCPU)", "CPU ms", "init ms/CPU", "peak heap MB", "RSS after init MB", "est. RSS MB", "memory MB", "measured fit MB", "$/1M runs", "$/1M at 1024", "why this size"],
    rows,
  );
}

export function billTable(bill: Bill): string {
  const lines = [
    renderTable(
      ["group", "service", "$ / month", "share"],
      Object.entries(GROUPS).flatMap(([group, services]) =>
        services.map((service, index) => [index === 0 ? group : "", service, usd(bill.byService[service]), `${((bill.byService[service] / bill.total) * 100).toFixed(1)}%`]),
      ),
    ),
    `Total: ${usd(bill.total)} a month`,
    "",
    renderTable(
      ["operation", "per month", "from edge cache", "$ / month", "$ per 1M"],
      bill.operations.map((line) => [line.name, line.perMonth.toLocaleString("en"), line.edgeHits.toLocaleString("en"), usd(total(line.monthly)), usd((total(line.monthly) / line.perMonth) * 1e6)]),
    ),
    "",
    renderTable(
      ["not per operation: standing costs, and X-Ray (its reservoir makes it non-linear)", "$ / month"],
      bill.standing.map((item) => [item.what, usd(total(item.costs))]),
    ),
  ];
  return lines.join("\n");
}

export function groupTotals(costs: Costs): { label: string; usd: number }[] {
  return Object.entries(GROUPS).map(([label, services]) => ({ label, usd: services.reduce((total, service) => total + costs[service], 0) }));
}

export { SERVICES };

/** A preview stage's idle day, line by line. */
export function previewDayTable(lines: PreviewDayLine[]): string {
  return renderTable(["standing cost", "$ / day"], lines.map((line) => [line.what, line.usd.toFixed(3)]));
}
