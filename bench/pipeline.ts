/**
 * The event pipeline, offline: how long from `POST /orders` to `CONFIRMED`, and how many records
 * per second each consumer gets through.
 *
 *   bun bench/pipeline.ts     BENCH_ORDERS=n: orders placed (default 120)
 *                             BENCH_CONCURRENCY=c: orders in flight at once (default 4)
 *                             BENCH_KEEP=1: keep the stack's log (its path is printed)
 *
 * Starts the offline stack, sends one warm-up order through the pipeline (functions are built
 * on first use; that is not what this measures), places orders through the local gateway (as a signed-in customer),
 * and waits until every order is CONFIRMED by the pipeline (stream → processor → SNS → SQS →
 * fulfilment → conditional update). Latency per order is `updatedAt − createdAt` of the
 * confirmed order: both stamped by the functions on this machine's clock, at placement and at
 * confirmation. Throughput per consumer is records delivered ÷ the time its function was busy,
 * and records delivered ÷ the wall-clock time of the run.
 * Then the processor's capacity: it is invoked (through the local Lambda API, one call at a
 * time) with full batches (the manifest's batch size) of stream records, the real changes that confirmed those orders
 * (redelivered, as Lambda may: consumers deduplicate them), and records ÷ the calls' time is
 * what it handles per busy second.
 *
 * BENCH_BASELINE_DIR=<a checkout of the code before> runs this same benchmark first against
 * that runtime (its packages/local and manifest) and prints both side by side; without it the
 * figures are shown next to those recorded in issue 10.
 * A benchmark, not a test: it exits non-zero only when the stack fails or orders never confirm.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { quantile } from "./stats";
import { renderTable } from "./table";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../packages/local/src/local-account";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Measured on the runtime before issue 10's work (the issue's own figures), shown side by side. */
const BEFORE = { p50Ms: 4500, p95Ms: 5200, processorRecordsPerBusySecond: 21 };
const TARGET = { p95Ms: 1500, processorSpeedup: 10 };

const ORDERS = Number(process.env.BENCH_ORDERS ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const root = fileURLToPath(new URL("..", import.meta.url));
/** The runtime measured: this checkout, or (for the side-by-side baseline) another one. */
const runtimeDir = resolve(process.env.BENCH_RUNTIME_DIR ?? root);
const { consumers } = (await import(join(runtimeDir, "packages/functions/src/manifest"))) as typeof import("../packages/functions/src/manifest");
const { signIn, startStack } = (await import(join(runtimeDir, "packages/local/src/stack/index.ts"))) as typeof import("../packages/local/src/stack");
const { signedInvocation } = await import("../packages/local/src/lambda-api/signing");

interface Figures {
  p50Ms: number;
  p95Ms: number;
  processorRecordsPerBusySecond: number;
  processorBatchSize: number;
}
const baselineDir = process.env.BENCH_BASELINE_DIR;
const baseline: Figures | undefined = baselineDir ? measureBaseline(baselineDir) : undefined;
const workDir = mkdtempSync(join(tmpdir(), "emporium-pipeline-bench-"));
const logStream = createWriteStream(join(workDir, "stack.log"));

const stack = await startStack({
  // The baseline's root is its own checkout, so it bundles its own functions.
  root: runtimeDir,
  ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
  persist: false,
  watch: false,
  log: (source, line) => logStream.write(`[${source}] ${line}\n`),
});

try {
  const customer = stack.users.find((user) => user.role === "customer")!;
  const admin = stack.users.find((user) => user.role === "admin")!;
  const { accessToken } = await signIn(stack.endpoints.cognito, stack.clientId, customer.email, customer.password);
  const adminToken = (await signIn(stack.endpoints.cognito, stack.clientId, admin.email, admin.password)).accessToken;
  const api = async (method: string, path: string, token: string, body?: unknown): Promise<any> => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${stack.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      // The customer's rate limit (50 requests/s) can be reached when the stack answers fast;
      // latency is read from the orders' own timestamps, so waiting as told changes no figure.
      if (response.status === 429 && attempt < 10) {
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000));
        continue;
      }
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
      return response.json();
    }
  };
  const product = await api("POST", "/products", adminToken, { name: "Bench beans", price: { amount: 1200, currency: "EUR" }, stock: 1_000_000 });

  // Warm-up, not measured: one order through the whole pipeline, so every function on the way is
  // built (functions are built on first use) and warm, as in a running `bun dev`.
  const warmUp = await api("POST", "/orders", accessToken, { lines: [{ productId: product.id, quantity: 1 }] });
  for (let attempt = 0; attempt < 600 && (await api("GET", `/orders/${warmUp.id}`, accessToken)).status !== "CONFIRMED"; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const before = stack.eventSources.stats();
  const busyBefore = stack.functionMetrics();
  const started = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ORDERS) {
        next++;
        const order = await api("POST", "/orders", accessToken, { lines: [{ productId: product.id, quantity: 1 }] });
        ids.push(order.id);
      }
    }),
  );
  const placedMs = performance.now() - started;

  // Wait until every order is confirmed (bounded).
  const confirmed = new Map<string, { createdAt: string; updatedAt: string }>();
  const deadline = Date.now() + 180_000;
  while (confirmed.size < ids.length && Date.now() < deadline) {
    for (const id of ids.filter((candidate) => !confirmed.has(candidate))) {
      const order = await api("GET", `/orders/${id}`, accessToken);
      if (order.status === "CONFIRMED") confirmed.set(id, order);
    }
    if (confirmed.size < ids.length) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (confirmed.size < ids.length) throw new Error(`only ${confirmed.size} of ${ids.length} orders were confirmed within 3 minutes`);
  // Let the tail of the pipeline (notifications, analytics) drain before reading the counters.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const wallSeconds = (performance.now() - started) / 1000;

  const latencies = [...confirmed.values()].map((order) => Date.parse(order.updatedAt) - Date.parse(order.createdAt)).sort((a, b) => a - b);
  const ms = (value: number) => value.toFixed(0);
  console.log(`\nPOST /orders → CONFIRMED, ${latencies.length} orders placed ${CONCURRENCY} at a time over ${(placedMs / 1000).toFixed(1)} s (ms, from the order's own timestamps):`);
  console.log(
    renderTable(
      ["orders", "p50", "p95", "p99", "min", "max", "mean"],
      [[String(latencies.length), ms(quantile(latencies, 0.5)), ms(quantile(latencies, 0.95)), ms(quantile(latencies, 0.99)), ms(latencies[0]!), ms(latencies.at(-1)!), ms(latencies.reduce((a, b) => a + b, 0) / latencies.length)]],
    ),
  );


  const after = stack.eventSources.stats();
  const busyAfter = stack.functionMetrics();
  const rows = Object.values(consumers).map((consumer) => {
    const records = (after[consumer.name]?.recordsDelivered ?? 0) - (before[consumer.name]?.recordsDelivered ?? 0);
    const invocations = (after[consumer.name]?.invocations ?? 0) - (before[consumer.name]?.invocations ?? 0);
    const busySeconds = ((busyAfter[consumer.name]?.busyMs ?? 0) - (busyBefore[consumer.name]?.busyMs ?? 0)) / 1000;
    return [
      consumer.name,
      String(records),
      String(invocations),
      invocations ? (records / invocations).toFixed(1) : "–",
      busySeconds ? (records / busySeconds).toFixed(0) : "–",
      (records / wallSeconds).toFixed(1),
    ];
  });
  console.log(`\nConsumer throughput over the run (${wallSeconds.toFixed(1)} s wall clock):`);
  console.log(renderTable(["consumer", "records", "invocations", "records/batch", "records/s busy", "records/s wall"], rows));
  console.log(
    "\n\"records/s busy\" is what a consumer processes per second of its own execution (its capacity); \"records/s wall\" is what this run asked of it.",
  );

  // Runtimes since the Lambda API was locked down take only signed calls; the baseline may predate that.
  const credentials = (stack as { lambdaCredentials?: { accessKeyId: string; secretAccessKey: string } }).lambdaCredentials;
  const capacity = await processorCapacity(stack.endpoints.dynamodb, stack.tableName, stack.endpoints.lambda, credentials);
  const figures: Figures = {
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    processorRecordsPerBusySecond: capacity,
    processorBatchSize: consumers.OrderEventsProcessor.batchSize,
  };
  if (process.env.BENCH_JSON) console.log(`BENCH_RESULT ${JSON.stringify(figures)}`);
  const reference = baseline ?? BEFORE;
  const label = baseline ? "baseline (measured now)" : "before (issue 10)";
  console.log(`\nSide by side with ${baseline ? `the baseline runtime in ${baselineDir}, measured in this run just before` : "the figures recorded in issue 10"}:`);
  console.log(
    renderTable(
      ["figure", "this runtime", label, "ratio", "target"],
      [
        ["POST /orders → CONFIRMED p50 (ms)", ms(figures.p50Ms), ms(reference.p50Ms), `${(figures.p50Ms / reference.p50Ms).toFixed(2)}×`, "–"],
        ["POST /orders → CONFIRMED p95 (ms)", ms(figures.p95Ms), ms(reference.p95Ms), `${(figures.p95Ms / reference.p95Ms).toFixed(2)}×`, `≤ ${TARGET.p95Ms} ms`],
        [
          `processor records per busy second (full batches: ${consumers.OrderEventsProcessor.batchSize} now, ${baseline?.processorBatchSize ?? 25} before)`,
          capacity.toFixed(0),
          reference.processorRecordsPerBusySecond.toFixed(0),
          `${(capacity / reference.processorRecordsPerBusySecond).toFixed(1)}×`,
          `≥ ${TARGET.processorSpeedup}×`,
        ],
      ],
    ),
  );
} finally {
  await stack.stop();
  logStream.end();
  if (process.env.BENCH_KEEP) console.log(`\nThe stack's log: ${join(workDir, "stack.log")}`);
  else rmSync(workDir, { recursive: true, force: true });
}

/**
 * Records per second of the processor's own execution, on full batches: every order item in
 * the table, as the stream record of its last change (PENDING → its status now), a full batch to an
 * invocation, invoked one at a time through the local Lambda API, after a warm round: at least three
 * rounds and at least six invocations (with few orders and a large batch size, rounds repeat).
 */
async function processorCapacity(
  dynamodbEndpoint: string,
  table: string,
  lambdaEndpoint: string,
  credentials?: { accessKeyId: string; secretAccessKey: string },
): Promise<number> {
  const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const orders: Record<string, any>[] = [];
  let startKey: Record<string, any> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: table, FilterExpression: "sk = :order", ExpressionAttributeValues: { ":order": { S: "ORDER" } }, ExclusiveStartKey: startKey }),
    );
    orders.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  let sequence = 10n ** 20n;
  const records = orders.map((item) => ({
    eventID: crypto.randomUUID().replaceAll("-", ""),
    eventName: "MODIFY",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: LOCAL_REGION,
    dynamodb: {
      Keys: { pk: item.pk, sk: item.sk },
      OldImage: { ...item, status: { S: "PENDING" }, version: { N: String(Number(item.version.N) - 1) } },
      NewImage: item,
      SequenceNumber: String(sequence++),
      SizeBytes: 512,
      StreamViewType: "NEW_AND_OLD_IMAGES",
    },
    eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`,
  }));
  const size: number = consumers.OrderEventsProcessor.batchSize;
  const batches: (typeof records)[] = [];
  for (let index = 0; index + size <= records.length; index += size) batches.push(records.slice(index, index + size));
  if (batches.length === 0) throw new Error(`fewer orders (${records.length}) than one batch of ${size}`);
  const invoke = async (batch: typeof records) => {
    const payload = { Records: batch };
    const name = consumers.OrderEventsProcessor.name;
    const { url, init } = credentials
      ? await signedInvocation(lambdaEndpoint, name, payload, credentials)
      : { url: `${lambdaEndpoint}/2015-03-31/functions/${name}/invocations`, init: { method: "POST", body: JSON.stringify(payload) } };
    const response = await fetch(url, init);
    const text = await response.text();
    if (!response.ok || response.headers.get("x-amz-function-error")) throw new Error(`the processor failed a capacity batch: ${response.status} ${text}`);
  };
  for (const batch of batches) await invoke(batch);
  let delivered = 0;
  const started = performance.now();
  const rounds = Math.max(3, Math.ceil(6 / batches.length));
  for (let round = 0; round < rounds; round++) {
    for (const batch of batches) {
      await invoke(batch);
      delivered += batch.length;
    }
  }
  return delivered / ((performance.now() - started) / 1000);
}

/** Runs this benchmark against the baseline checkout, in its own process, and reads its figures. */
function measureBaseline(dir: string): Figures {
  console.log(`Measuring the baseline runtime in ${dir} first…`);
  const run = spawnSync("bun", [fileURLToPath(import.meta.url)], {
    cwd: root,
    env: { ...process.env, BENCH_RUNTIME_DIR: dir, BENCH_BASELINE_DIR: "", BENCH_JSON: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 15 * 60_000,
  });
  const line = run.stdout.split("\n").find((candidate) => candidate.startsWith("BENCH_RESULT "));
  if (!line) throw new Error(`the baseline run printed no result (status ${run.status}):\n${run.stdout}`);
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as Figures;
}
