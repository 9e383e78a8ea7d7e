/**
 * The OpenAPI fuzz of tests/e2e/openapi-fuzz.test.ts (tests/support/openapi-fuzz.ts) with many
 * more runs per operation, against an offline stack of its own.
 *
 *   bun bench/fuzz.ts      FUZZ_RUNS=n: runs per operation (default 200)
 *                          FUZZ_SEED=n: replay one seed (a failure prints it)
 *                          FUZZ_ONLY=text: only operations whose label contains text ("POST /orders")
 *                          BENCH_KEEP=1: keep the stack's log file (its path is printed)
 *
 * A benchmark, not a test: it exits non-zero when a property fails, after printing fast-check's
 * seed, path and shrunk counterexample, so the failure can be replayed with FUZZ_SEED.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { startStack, type Stack } from "../packages/local/src/stack";
import { fuzzRuns, operationProperty, operationsOf, watchedItems, type FuzzTarget } from "../tests/support/openapi-fuzz";
import { ensureUser, poolClient, signInTo } from "../tests/support/pool";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const numRuns = fuzzRuns(200);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const only = process.env.FUZZ_ONLY;
const root = fileURLToPath(new URL("..", import.meta.url));

const started = performance.now();
const workDir = mkdtempSync(join(tmpdir(), "emporium-fuzz-bench-"));
const logFile = join(workDir, "stack.log");
const logStream = createWriteStream(logFile);
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
let stack: Stack | undefined;
let failed = 0;

async function api(method: string, path: string, token: string, json?: unknown): Promise<any> {
  const response = await fetch(`${stack!.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`setup: ${method} ${path} → ${response.status} ${JSON.stringify(body)}`);
  return body;
}

try {
  // Orders stay PENDING for the whole run: an expiry would change the fuzz's own order behind its back.
  stack = await startStack({
    root,
    ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
    orderHoldMinutes: 24 * 60,
    buildOnStart: true,
    persist: false,
    watch: false,
    log: (source, line) => void logStream.write(`[${source}] ${line}\n`),
  });
  Object.assign(process.env, stack.environment);
  console.log(`stack up in ${seconds()}${process.env.BENCH_KEEP ? `; log: ${logFile}` : ""}`);

  // The fuzz's own users, signed in; their profiles appear on their first request.
  const pool = { region: stack.environment.AWS_REGION!, endpoint: stack.endpoints.cognito };
  const client = poolClient(pool);
  const user = async (role: "admin" | "customer") => {
    const email = `fuzz-${randomUUID()}@example.com`;
    const password = `Pw-${randomUUID()}-Aa1!`;
    await ensureUser(client, stack!.userPoolId, { email, password, role });
    const { accessToken } = await signInTo(pool, stack!.clientId, email, password);
    return { token: accessToken, id: (await api("GET", "/me", accessToken)).id as string };
  };
  const [admin, customer, victim] = await Promise.all([user("admin"), user("customer"), user("customer")]);
  client.destroy();

  // Its own products, held PENDING by the simulated provider (as tests/support/catalogue.ts does), an order and keys.
  const { setSimulatedPayment } = await import("@emporium/core/fulfilment");
  const newProduct = async (stock: number) => {
    const product = await api("POST", "/products", admin.token, { name: `Fuzz ${randomUUID()}`, price: { amount: 1000, currency: "EUR" }, stock });
    await setSimulatedPayment(product.id, { outcome: "unavailable" });
    return product.id as string;
  };
  const [product, victimProduct] = await Promise.all([newProduct(1_000_000_000), newProduct(50)]);
  const order = await api("POST", "/orders", customer.token, { lines: [{ productId: product, quantity: 1 }] });
  const key = await api("POST", "/api-keys", admin.token, { name: "fuzz", scopes: ["orders:read", "stock:write"], limits: { rate: 10000, burst: 100000, daily: 100000000 } });
  const victimKey = await api("POST", "/api-keys", admin.token, { name: "fuzz victim", scopes: ["orders:read"] });
  const ids = { products: [product], victimProduct, orders: [order.id], users: [customer.id, victim.id], victimUser: victim.id, victimKey: victimKey.id };
  const target: FuzzTarget = {
    apiUrl: stack.apiUrl,
    table: { endpoint: stack.endpoints.dynamodb, tableName: stack.tableName },
    credentials: { customer: customer.token, admin: admin.token, apiKey: key.secret },
    ids,
    watched: watchedItems(ids),
  };

  // Requests come from the document the stack serves.
  const served = (await (await fetch(`${stack.apiUrl}/openapi.json`)).json()) as Record<string, any>;
  const operations = operationsOf(served).filter((operation) => !only || operation.label.includes(only));
  console.log(`fuzzing ${operations.length} operations, ${numRuns} runs each${seed === undefined ? "" : `, seed ${seed}`}`);
  const statuses = new Map<number, number>();
  for (const operation of operations) {
    const opStarted = performance.now();
    const details = await fc.check(operationProperty(target, operation, statuses), { numRuns, ...(seed === undefined ? {} : { seed }) });
    const ms = Math.round(performance.now() - opStarted);
    if (details.failed) {
      failed++;
      console.error(`FAIL ${operation.label} (${ms} ms)\n${fc.defaultReportMessage(details)}`);
    } else {
      console.log(`ok   ${operation.label}: ${details.numRuns} runs, seed ${details.seed} (${ms} ms)`);
    }
  }
  console.log(`answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
  console.log(`done in ${seconds()}: ${operations.length - failed} operations passed, ${failed} failed`);
} catch (error) {
  failed++;
  console.error(error);
} finally {
  await stack?.stop().catch(() => undefined);
  await new Promise<void>((resolve) => logStream.end(() => resolve()));
  if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
