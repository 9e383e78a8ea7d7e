/**
 * The traffic mix of a load test as autocannon requests: browse, product page, me and order in
 * the shares of bench/cost/mix.json (the mix the cost model prices), each request as the web
 * app sends it. Every connection walks the same cycle of requests (14 browse, 3 product, 2 me,
 * 1 order for 70/15/10/5), so the shares sent are exact up to the last unfinished cycle; what
 * each class sent, got back (per status code) and how long it waited is tallied here, since
 * autocannon's own result is for all requests together.
 */
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { consumers, routes } from "../packages/functions/src/manifest";
import { loadMix } from "./cost/mix";
import { spreadSourceAddresses } from "./source-addresses";
import { startStackProcess, type ServeOptions, type StackProcess } from "./stack-process";
import { quantile } from "./stats";
import { renderTable } from "./table";

export const CLASSES = ["browse", "product", "me", "order"] as const;
export type RequestClass = (typeof CLASSES)[number];

/** The storefront's page size (packages/web/src/store/catalogue.tsx), as bench/cost/operations.ts sends it. */
const PAGE_SIZE = 12;

export interface MixTargets {
  /** Access tokens of the signed-in customers, taken in turn (each has its own rate limit). */
  tokens: string[];
  /** Product pages visited, in turn. */
  productIds: string[];
  /** Products ordered (two lines per order), in turn: stocked so no order runs out. */
  stockedProductIds: string[];
}

/**
 * The offline stack in its own process, ready for the mix: the mix's functions and the order
 * pipeline's consumers built and warm (a first build would stall a run), a customer per
 * connection signed in, products stocked for orders, and each connection to it coming from its
 * own loopback address (bench/source-addresses.ts).
 */
export async function startMixStack(connections: number, logFile: string, how: Pick<ServeOptions, "asDev" | "stateDir" | "heapLog"> = {}): Promise<{ stack: StackProcess; targets: MixTargets }> {
  const stack = await startStackProcess({
    ...how,
    functions: [routes["GET /products"], routes["GET /products/{id}"], routes["GET /me"], routes["POST /orders"], ...Object.values(consumers)].map((spec) => spec.name),
    customers: connections,
    stockedProducts: 20,
    logFile,
  });
  try {
    spreadSourceAddresses(Number(new URL(stack.apiUrl).port));
    const tokens = await stack.signInCustomers();
    const catalogue = (await (await fetch(`${stack.apiUrl}/products?limit=100`)).json()) as { items: { id: string }[] };
    return { stack, targets: { tokens, productIds: catalogue.items.map((product) => product.id), stockedProductIds: stack.stockedProductIds } };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

export interface ClassTally {
  sent: number;
  statuses: Map<number, number>;
  latenciesMs: number[];
}

export class MixTally {
  readonly classes = new Map<RequestClass, ClassTally>(CLASSES.map((name) => [name, { sent: 0, statuses: new Map(), latenciesMs: [] }]));

  answered(name: RequestClass): number {
    return [...this.classes.get(name)!.statuses.values()].reduce((sum, count) => sum + count, 0);
  }

  /** Responses outside 2xx, per class and status: every one is reported. */
  non2xx(): { name: RequestClass; status: number; count: number }[] {
    return [...this.classes].flatMap(([name, tally]) => [...tally.statuses].filter(([status]) => status < 200 || status > 299).map(([status, count]) => ({ name, status, count })));
  }

  table(): string {
    const sent = [...this.classes.values()].reduce((sum, tally) => sum + tally.sent, 0);
    return renderTable(
      ["class", "sent", "share", "answered", "status codes", "p50 ms", "p99 ms"],
      [...this.classes].map(([name, tally]) => [
        name,
        String(tally.sent),
        `${((tally.sent / sent) * 100).toFixed(2)}%`,
        String(this.answered(name)),
        [...tally.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ") || "–",
        quantile(tally.latenciesMs, 0.5).toFixed(1),
        quantile(tally.latenciesMs, 0.99).toFixed(1),
      ]),
    );
  }
}

/**
 * One cycle of the mix in `slots` requests, interleaved (smooth weighted round-robin) so a
 * connection does not send its orders back to back; each class gets exactly share × slots.
 */
export function mixCycle(shares: Record<RequestClass, number>, slots = 20): RequestClass[] {
  const weights = CLASSES.map((name) => Math.round(shares[name] * slots));
  if (CLASSES.some((name, index) => Math.abs(weights[index]! - shares[name] * slots) > 1e-9)) throw new Error(`the shares ${JSON.stringify(shares)} do not divide a cycle of ${slots}`);
  const current = weights.map(() => 0);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return Array.from({ length: total }, () => {
    weights.forEach((weight, index) => (current[index]! += weight));
    const pick = current.indexOf(Math.max(...current));
    current[pick]! -= total;
    return CLASSES[pick]!;
  });
}

/** The shares of the cost model's mix (bench/cost/mix.json). */
export function mixShares(): Record<RequestClass, number> {
  const mix = loadMix(fileURLToPath(new URL("./cost/mix.json", import.meta.url)), CLASSES);
  for (const name of CLASSES) if (!(name in mix.shares)) throw new Error(`bench/cost/mix.json has no share for ${name}`);
  return mix.shares as Record<RequestClass, number>;
}

/** The autocannon requests of one cycle; responses are counted in `tally`. */
export function mixRequests(targets: MixTargets, tally: MixTally, cycle = mixCycle(mixShares())): autocannon.Request[] {
  let turn = 0;
  const next = <T>(values: T[]) => values[turn++ % values.length]!;
  const build: Record<RequestClass, (request: autocannon.Request) => autocannon.Request> = {
    browse: (request) => ({ ...request, method: "GET", path: `/products?limit=${PAGE_SIZE}`, headers: {} }),
    product: (request) => ({ ...request, method: "GET", path: `/products/${next(targets.productIds)}`, headers: {} }),
    me: (request) => ({ ...request, method: "GET", path: "/me", headers: { authorization: `Bearer ${next(targets.tokens)}` } }),
    order: (request) => {
      const first = turn;
      const lines = [0, 1].map((offset) => ({ productId: targets.stockedProductIds[(first + offset) % targets.stockedProductIds.length]!, quantity: 1 }));
      return {
        ...request,
        method: "POST",
        path: "/orders",
        headers: { authorization: `Bearer ${next(targets.tokens)}`, "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
        body: JSON.stringify({ lines }),
      };
    },
  };
  return cycle.map((name) => {
    const tally_ = tally.classes.get(name)!;
    return {
      // Called just before the request is written (pipelining 1): the time it was sent.
      setupRequest: (request, context) => {
        tally_.sent++;
        (context as { sentAt?: number }).sentAt = performance.now();
        return build[name](request);
      },
      onResponse: (status, _body, context) => {
        tally_.statuses.set(status, (tally_.statuses.get(status) ?? 0) + 1);
        const sentAt = (context as { sentAt?: number }).sentAt;
        if (sentAt !== undefined) tally_.latenciesMs.push(performance.now() - sentAt);
      },
    };
  });
}

export interface LoadFigures {
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon and reads the figures every bench reports from its result. */
export async function runLoad(options: autocannon.Options): Promise<{ result: autocannon.Result; figures: LoadFigures }> {
  const result = await autocannon({ pipelining: 1, timeout: 30, ...options });
  return {
    result,
    figures: {
      requests: result.requests.total,
      durationSeconds: result.duration,
      requestsPerSecond: result.requests.total / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    },
  };
}

export const figureRow = (label: string, figures: LoadFigures) => [
  label,
  String(figures.requests),
  `${figures.durationSeconds.toFixed(1)} s`,
  figures.requestsPerSecond.toFixed(1),
  figures.p50Ms.toFixed(0),
  figures.p99Ms.toFixed(0),
  String(figures.non2xx),
  `${figures.errors} (${figures.timeouts} timeouts)`,
];
export const FIGURE_HEADER = ["run", "responses", "duration", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors"];
