/**
 * `bun run cost`: a measured cost model. Starts the offline stack with the cost meter on in
 * every function (EMPORIUM_COST_METER=1: one log line per AWS call, DynamoDB's consumed capacity included),
 * runs each operation a visitor makes through the local API Gateway (an order with its whole
 * pipeline), and turns what they used into dollars with dated list prices, per operation and for
 * a month of the traffic mix in mix.json. Also sizes each function's memory from what it used.
 *
 *   bun run cost                       the default mix and prices
 *   bun run cost --mix <file>          another traffic mix (same shape as bench/cost/mix.json)
 *   bun run cost --prices <file>       another price list (same shape as prices.eu-west-1.json)
 *   bun run cost --docs                also copy the chart to docs/cost-by-service.svg
 *   COST_RUNS=n                        measured runs per read operation (default 30; orders: a third)
 *
 * Writes bench/cost/out/ (gitignored): cost.json (every figure), cost-by-service.svg, stack.log.
 * A benchmark, not a test: it exits non-zero only when the stack or an operation fails.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { consumers, defaults, functionSpecs, routeEntries, schedules } from "../../packages/functions/src/manifest";
import { signIn, startStack } from "../../packages/local/src/stack";
import { barChart } from "./chart";
import { measure, settle } from "./measure";
import { FunctionLog } from "./meter-log";
import { recommend, type MemoryMeasurement } from "./memory";
import { loadMix } from "./mix";
import { projectBill, runsPerMonth, type StandingFacts } from "./monthly";
import type { Model } from "./operation-cost";
import { operations, type OperationContext } from "./operations";
import { loadPrices } from "./prices";
import { billTable, capacityReport, memoryTable, operationCostTable, previewDayTable, usageTable } from "./report";
import { scheduledOperation } from "./scheduled";
import { SERVICES } from "./services";
import { alarmMetricCount, kinesisStreamCount, sqsMappingCount } from "./standing";
import { previewDay } from "./preview-day";
import type { OperationUsage } from "./usage";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const { values: args } = parseArgs({
  options: { mix: { type: "string", default: join(here, "mix.json") }, prices: { type: "string", default: join(here, "prices.eu-west-1.json") }, docs: { type: "boolean", default: false } },
});
const prices = loadPrices(args.prices!);
const mix = loadMix(args.mix!, operations.map((operation) => operation.name));
const RUNS = Number(process.env.COST_RUNS ?? 30);
const outDir = join(here, "out");
mkdirSync(outDir, { recursive: true });

const bareRssMb = importedRssMb(undefined, {});
const log = new FunctionLog();
const logFile = createWriteStream(join(outDir, "stack.log"));
const started = new Date();
const loadBefore = loadavg()[0]!;
const stack = await startStack({
  root,
  ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
  persist: false,
  watch: false,
  // The deployed batching windows: how many invocations an order causes depends on them.
  consumerSettings: "deployed",
  costMeter: true,
  // Built and started before the flows, so no build stalls a pipeline halfway through a measurement.
  buildOnStart: [...new Set([...operations.map((operation) => operation.routeFunction), ...Object.values(consumers).map((consumer) => consumer.name), ...Object.values(schedules).map((schedule) => schedule.name)])],
  log: log.sink((source, line) => logFile.write(`[${source}] ${line}\n`)),
});

const usages = new Map<string, OperationUsage>();
const scheduleUsages: { usage: OperationUsage; perMonth: number }[] = [];
let memory: MemoryMeasurement[] = [];
try {
  const customer = stack.users.find((user) => user.role === "customer")!;
  const { accessToken } = await signIn(stack.endpoints.cognito, stack.clientId, customer.email, customer.password);
  const catalogue = (await (await fetch(`${stack.apiUrl}/products?limit=100`)).json()) as { items: { id: string; stock: number }[] };
  const context: OperationContext = {
    apiUrl: stack.apiUrl,
    customerToken: accessToken,
    productIds: catalogue.items.filter((product) => product.stock >= 10).map((product) => product.id),
    orderIds: [],
  };
  const background = new Set(Object.values(schedules).map((schedule) => schedule.name));
  for (const operation of operations) {
    const runs = operation.pipeline ? Math.max(3, Math.round(RUNS / 3)) : RUNS;
    process.stderr.write(`measuring ${operation.name} (${runs} runs)…\n`);
    usages.set(operation.name, await measure(operation, { stack, log, context, runs, warmUps: 2, background, pace: 10 }));
  }
  await assertConfirmed(context.orderIds);
  for (const schedule of Object.values(schedules)) {
    process.stderr.write(`measuring ${schedule.name}…\n`);
    const usage = await measure(scheduledOperation(stack, schedule.name), { stack, log, context, runs: 5, warmUps: 1, background: new Set(), pace: 10 });
    scheduleUsages.push({ usage, perMonth: runsPerMonth(schedule.schedule) });
  }
  await settle(stack, background, 1000);

  const metrics = stack.functionMetrics();
  const routeNames = new Set(routeEntries().map(([, spec]) => spec.name));
  memory = functionSpecs().map((spec) => {
    const bundle = stack.functionBundle(spec.name);
    const initRssMb = bundle ? importedRssMb(bundle, stack.environment) : bareRssMb;
    return recommend(spec.name, routeNames.has(spec.name) ? "route" : "background", parseInt(spec.memory ?? defaults.memory, 10), metrics[spec.name]!, initRssMb);
  });
} finally {
  await stack.stop();
  logFile.end();
}

const model: Model = {
  prices,
  mix,
  functions: Object.fromEntries(memory.map((m) => [m.name, { memoryMb: m.configuredMb, initMs: m.meanInitCpuMs ?? 0 }])),
};
const standing: StandingFacts = {
  kinesisStreams: kinesisStreamCount,
  sqsMappings: sqsMappingCount,
  schedules: scheduleUsages,
  customMetrics: log.metrics.size,
  alarmMetrics: alarmMetricCount(),
  dashboards: 1,
};
const bill = projectBill(operations, usages, model, standing);

// Functions run in worker threads of this process: under Bun, its JavaScriptCore, not Lambda's V8.
const runtime = process.versions.bun ? `Bun ${process.versions.bun}` : `Node ${process.versions.node}`;
const floor = projectBill(operations, usages, { ...model, durations: "cpu" }, standing);
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${runtime}, load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end`;
const print = (text = "") => console.log(text);
print(`Emporium cost model, measured ${started.toISOString()} on ${machine}`);
print(`Prices: ${prices.region}, ${prices.date} (${args.prices}). ${prices.provenance}`);
print(`\nWhat one run of each operation used (means over the measured runs; the order includes its pipeline):`);
print(usageTable(operations, usages));
print(`\nWhat one run costs, in dollars per million runs (the order's full pipeline included; no edge cache):`);
print(operationCostTable(operations, usages, model));
print(`\nDynamoDB capacity per operation against the theoretical minimum of the same calls:`);
print(capacityReport(operations, usages));
print(`\nFunctions: memory, what a million invocations cost, and the size their measurements fit (a bare Node process here: ${bareRssMb.toFixed(0)} MB RSS):`);
print(memoryTable(memory, model));
const mismatched = memory.filter((m) => m.recommendedMb !== undefined && m.recommendedMb !== m.configuredMb);
print(mismatched.length ? `\nConfigured sizes that differ from this run's fit: ${mismatched.map((m) => `${m.name} ${m.configuredMb} → ${m.recommendedMb}`).join(", ")}` : "\nEvery measured function's configured size is the one this run's measurements fit.");
const shares = Object.entries(mix.shares).map(([name, share]) => `${name} ${(share * 100).toFixed(0)}%`).join(", ");
print(`\nMonthly bill for ${mix.requestsPerMonth.toLocaleString("en")} requests (${shares}; via the Router ${(mix.viaRouter * 100).toFixed(0)}%, edge cache hits ${(mix.edgeCacheHitRatio * 100).toFixed(0)}%, cold starts ${(mix.coldStartShare * 100).toFixed(1)}%):`);
print(billTable(bill));
print(
  `\nLambda: $${bill.byService.Lambda.toFixed(2)} with the durations measured here; $${floor.byService.Lambda.toFixed(2)} if every invocation lasted only its CPU time (a floor: nothing waited on DynamoDB or for a core; load average here ${loadBefore.toFixed(1)}).`,
);
const preview = previewDay(model, standing);
print(`\nA preview stage (pr-<n>), idle, per day ($${preview.reduce((sum, line) => sum + line.usd, 0).toFixed(2)}; traffic on top costs what the operations above cost):`);
print(previewDayTable(preview));
print(`\nAssumptions (${args.mix}):`);
for (const [key, text] of Object.entries(mix.assumptions)) print(`- ${key}: ${text}`);
print("- Durations are measured here (one core of this machine standing in for one Lambda vCPU) and stretched by each size's CPU share; DynamoDB Local answers faster than DynamoDB across a network, so waits are if anything short.");
print("- Not modelled: Cognito (billed per monthly active user, not per request), storage (DynamoDB, S3, log retention), the static site's own requests, free tiers.");

const svg = barChart(
  `Emporium: ${mix.requestsPerMonth.toLocaleString("en")} requests a month, $${bill.total.toFixed(2)}`,
  `${shares} · ${prices.region} list prices of ${prices.date} · measured ${started.toISOString().slice(0, 10)}`,
  SERVICES.map((service) => ({ label: service, usd: bill.byService[service] })),
);
writeFileSync(join(outDir, "cost-by-service.svg"), svg);
writeFileSync(
  join(outDir, "cost.json"),
  JSON.stringify({ measuredAt: started.toISOString(), machine, prices: { region: prices.region, date: prices.date }, mix, usages: Object.fromEntries(usages), schedules: scheduleUsages, memory, bill }, null, 2),
);
if (args.docs) copyFileSync(join(outDir, "cost-by-service.svg"), join(root, "docs", "cost-by-service.svg"));
print(`\nWrote ${join(outDir, "cost.json")} and ${join(outDir, "cost-by-service.svg")}${args.docs ? " (and docs/cost-by-service.svg)" : ""}.`);

/**
 * The resident memory of a plain Node process (Lambda's runtime is Node; the flows ran in this
 * process's workers) once it has imported a function's bundle and collected its garbage, as after
 * a cold start; with no bundle, of Node itself. The least of three.
 */
function importedRssMb(bundleUrl: string | undefined, environment: Record<string, string>): number {
  const script = `${bundleUrl ? "await import(process.argv[1]);" : ""} globalThis.gc(); process.stdout.write(String(process.memoryUsage().rss));`;
  const samples = Array.from({ length: 3 }, () => {
    const run = spawnSync("node", ["--expose-gc", "--input-type=module", "-e", script, ...(bundleUrl ? [bundleUrl] : [])], {
      encoding: "utf8",
      env: { ...process.env, ...environment },
      timeout: 30_000,
    });
    if (run.status !== 0) throw new Error(`could not import ${bundleUrl ?? "nothing"} in Node: ${run.stderr}`);
    return Number(run.stdout);
  });
  return Math.min(...samples) / 2 ** 20;
}

/** Every order the runs placed went through the pipeline to CONFIRMED (read from the table, not through a function). */
async function assertConfirmed(ids: string[]): Promise<void> {
  const client = new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  try {
    for (const id of ids) {
      const { Item } = await client.send(new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `ORDER#${id}` }, sk: { S: "ORDER" } } }));
      if (Item?.status?.S !== "CONFIRMED") throw new Error(`order ${id} is ${Item?.status?.S ?? "missing"}, not CONFIRMED, after its pipeline settled`);
    }
  } finally {
    client.destroy();
  }
}
