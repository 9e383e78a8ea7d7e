/**
 * What the API-key authorizer and the rate-limit check add to a request's latency, offline.
 *
 *   bun bench/auth-latency.ts    BENCH_REQUESTS=n: measured rounds (default 300)
 *                                BENCH_KEY_RATE=r: the API key's rate limit, requests/s (default 100000)
 *                                BENCH_KEEP=1: keep the log file and the bundles (paths are printed)
 *
 * Starts the offline stack (DynamoDB Local, cognito-local, …) for its data and environment,
 * creates an API key in-process, then serves one query, `GET …/orders?status=PENDING&limit=1`,
 * three ways from a second function host behind a second local gateway:
 *   - auth disabled: bench/handlers/plain-orders.ts, the route's logic without the route wrapper
 *     (no authorizer, no caller, no rate-limit spend), on a route with no authorizer;
 *   - authorizer cache hit + rate limit: the real PartnerOrders handler behind the real
 *     ApiKeyAuthorizer with a 300 s result cache (the authorizer runs once, in the warm-up);
 *   - authorizer cache miss + rate limit: the same with a TTL of 0, so the authorizer runs
 *     on every request (a key lookup in DynamoDB) before the handler.
 * Every round sends one request to each variant, sequentially, in rotating order, so drift on
 * a shared machine hits all three alike. Latency is client-side: request sent → body read.
 * A benchmark, not a test: it exits non-zero only when something fails to start or answers non-200.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FunctionHost } from "../packages/local/src/functions/host";
import { LambdaAuthorizer, startGateway, type Gateway } from "../packages/local/src/gateway";
import { startStack, type Stack } from "../packages/local/src/stack";
import { quantile } from "./stats";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const WARMUP = 20;
const rounds = Number(process.env.BENCH_REQUESTS ?? 300);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`BENCH_REQUESTS must be a positive integer, got ${process.env.BENCH_REQUESTS}`);

/** The key's rate (requests/s); see the note printed with the results. */
const keyRate = Number(process.env.BENCH_KEY_RATE ?? 100000);
if (!(keyRate > 0)) throw new Error(`BENCH_KEY_RATE must be a positive number, got ${process.env.BENCH_KEY_RATE}`);

const root = fileURLToPath(new URL("..", import.meta.url));

const started = performance.now();
const workDir = mkdtempSync(join(tmpdir(), "emporium-auth-bench-"));
const logFile = join(workDir, "stack.log");
const logStream = createWriteStream(logFile);
const log = (source: string, line: string) => void logStream.write(`[${source}] ${line}\n`);
const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

let stack: Stack | undefined;
let host: FunctionHost | undefined;
let gateway: Gateway | undefined;

async function stopAll(): Promise<void> {
  await host?.close().catch(() => undefined);
  await gateway?.close().catch(() => undefined);
  await stack?.stop().catch(() => undefined);
  await new Promise<void>((resolve) => logStream.end(() => resolve()));
  if (!process.env.BENCH_KEEP) rmSync(workDir, { recursive: true, force: true });
}

interface Variant {
  label: string;
  path: string;
  /** Whether the route wrapper ran: its responses carry the rate-limit headers. */
  limited: boolean;
  samples: number[];
}

try {
  // 1. The stack: data, resources, and the environment core services and functions run with.
  stack = await startStack({ root, ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 }, persist: false, watch: false, log });
  // Core modules read their resources from process.env: the stack's, as its functions see them.
  Object.assign(process.env, stack.environment);
  const ApiKeys = await import("@emporium/core/api-keys");
  const { secret } = await ApiKeys.create(
    { userId: "bench", username: "bench", role: "admin" },
    { name: "bench", scopes: ["orders:read"], limits: { rate: keyRate, burst: 100000, daily: 100000000 } },
  );
  console.log(`stack up in ${seconds()}${process.env.BENCH_KEEP ? `; log: ${logFile}` : ""}`);

  // 2. A second function host and gateway, serving the three variants.
  const environment: Record<string, string> = {
    ...stack.environment,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...(process.env.POWERTOOLS_LOG_LEVEL ? { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL } : {}),
  };
  const fn = (name: string, handler: string) => ({ name, handler, memoryMb: 1024, timeoutMs: 10_000, environment });
  host = new FunctionHost(root, join(workDir, "functions"), log);
  await host.add([
    fn("Plain", "bench/handlers/plain-orders.handler"),
    fn("PartnerOrders", "packages/functions/src/partner/orders.handler"),
    fn("ApiKeyAuthorizer", "packages/functions/src/authorizers/api-key.handler"),
  ]);
  const invoke = (name: string, event: unknown) => host!.invoke(name, event);
  const authorizer = (resultsTtlSeconds: number) =>
    new LambdaAuthorizer({ functionName: "ApiKeyAuthorizer", identitySource: ["$request.header.x-api-key"], resultsTtlSeconds }, invoke);
  const cached = authorizer(300);
  const uncached = authorizer(0);
  gateway = await startGateway({
    port: 0,
    routes: [
      { routeKey: "GET /plain/orders", functionName: "Plain", authorizer: "none" },
      { routeKey: "GET /partner/orders", functionName: "PartnerOrders", authorizer: cached },
      { routeKey: "GET /nocache/partner/orders", functionName: "PartnerOrders", authorizer: uncached },
    ],
    invoke,
    authorizeJwt: async () => {
      throw new Error("no JWT routes in this benchmark");
    },
    log: (line) => log("bench-gateway", line),
  });

  const variants: Variant[] = [
    { label: "auth disabled", path: "/plain/orders", limited: false, samples: [] },
    { label: "authorizer cache hit + rate limit", path: "/partner/orders", limited: true, samples: [] },
    { label: "authorizer cache miss + rate limit", path: "/nocache/partner/orders", limited: true, samples: [] },
  ];
  const [plain] = variants as [Variant, Variant, Variant];

  /** One request, timed from send to the last byte of the body; anything but a 200 aborts. */
  async function timed(variant: Variant): Promise<number> {
    const t0 = performance.now();
    const response = await fetch(`${gateway!.url}${variant.path}?status=PENDING&limit=1`, { headers: { "x-api-key": secret } });
    const body = await response.text();
    const elapsed = performance.now() - t0;
    if (response.status !== 200) throw new Error(`GET ${variant.path} (${variant.label}) answered ${response.status}: ${body}`);
    if (response.headers.has("ratelimit-remaining") !== variant.limited) {
      throw new Error(`GET ${variant.path} (${variant.label}): rate-limit headers ${variant.limited ? "missing" : "unexpected"}`);
    }
    return elapsed;
  }

  // 3. Warm-up (cold starts, the authorizer cache, connections), then the measured rounds.
  for (let i = 0; i < WARMUP; i++) for (const variant of variants) await timed(variant);
  const afterWarmup = { cached: cached.invocations, uncached: uncached.invocations };
  console.log(`warmed up (${WARMUP} requests per variant) at ${seconds()}; measuring ${rounds} rounds`);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]!;
      variant.samples.push(await timed(variant));
    }
    if (process.stderr.isTTY && round % 10 === 9) process.stderr.write(`\rround ${round + 1}/${rounds}`);
  }
  if (process.stderr.isTTY) process.stderr.write("\n");

  // 4. Report.
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const stats = (v: Variant) => ({ p50: quantile(v.samples, 0.5), p95: quantile(v.samples, 0.95), mean: mean(v.samples) });
  const base = stats(plain);
  const ms = (value: number) => value.toFixed(2);
  const x = (value: number) => `${value.toFixed(2)}×`;
  const plus = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(2)}`;
  const rows = variants.map((variant) => {
    const s = stats(variant);
    return [variant.label, ms(s.p50), ms(s.p95), ms(s.mean), x(s.p50 / base.p50), x(s.mean / base.mean), plus(s.p50 - base.p50)];
  });
  console.log(
    `\nLatency of GET …/orders?status=PENDING&limit=1 through the local gateway, ${rounds} sequential rounds (one request per variant, rotating order), ms:`,
  );
  console.log(renderTable(["variant", "p50", "p95", "mean", "p50 ×", "mean ×", "added p50 ms"], rows));
  const ran = (a: LambdaAuthorizer, warm: number) => `${a.invocations} times (${warm} in warm-up, ${a.invocations - warm} in ${rounds} measured requests)`;
  console.log(`\nApiKeyAuthorizer runs: cache TTL 300 s: ${ran(cached, afterWarmup.cached)}; TTL 0: ${ran(uncached, afterWarmup.uncached)}`);
  console.log(`${seconds()} total`);
} catch (error) {
  console.error(`auth-latency benchmark failed: ${(error as Error).stack ?? error}`);
  console.error(`stack log: ${logFile}${process.env.BENCH_KEEP ? "" : " (removed; rerun with BENCH_KEEP=1 to keep it)"}`);
  await stopAll();
  process.exit(1);
}
await stopAll();
process.exit(0);
