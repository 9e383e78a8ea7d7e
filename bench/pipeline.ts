/**
 * The event pipeline, offline: how long from `POST /orders` to `CONFIRMED`, and how many records
 * per second each consumer gets through.
 *
 *   bun bench/pipeline.ts     BENCH_ORDERS=n: orders placed (default 120)
 *                             BENCH_CONCURRENCY=c: orders in flight at once (default 4)
 *
 * Starts the offline stack, places orders through the local gateway (as a signed-in customer),
 * and waits until every order is CONFIRMED by the pipeline (stream → processor → SNS → SQS →
 * fulfilment → conditional update). Latency per order is `updatedAt − createdAt` of the
 * confirmed order: both stamped by the functions on this machine's clock, at placement and at
 * confirmation. Throughput per consumer is records delivered ÷ the time its function was busy,
 * and records delivered ÷ the wall-clock time of the run.
 * A benchmark, not a test: it exits non-zero only when the stack fails or orders never confirm.
 */
import { mkdtempSync, rmSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { consumers } from "../packages/functions/src/manifest";
import { signIn, startStack } from "../packages/local/src/stack";
import { quantile } from "./stats";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 120);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const root = fileURLToPath(new URL("..", import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), "emporium-pipeline-bench-"));
const logStream = createWriteStream(join(workDir, "stack.log"));

const stack = await startStack({
  root,
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
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const product = await api("POST", "/products", adminToken, { name: "Bench beans", price: { amount: 1200, currency: "EUR" }, stock: 1_000_000 });

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
} finally {
  await stack.stop();
  logStream.end();
  rmSync(workDir, { recursive: true, force: true });
}
