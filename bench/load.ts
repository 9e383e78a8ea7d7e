/**
 * Load on the offline stack: the traffic mix of the cost model (browse 70%, product page 15%,
 * me 10%, order 5%, bench/cost/mix.json) with autocannon, and in the same run the offline
 * runtime's throughput beside its usual peer, serverless-offline, serving the same handlers.
 *
 *   bun bench/load.ts     LOAD_SECONDS=s: length of the mix (default 30)
 *                         LOAD_CONNECTIONS=n: concurrent connections (default 32), one visitor each
 *                         LOAD_COMPARE_SECONDS=s, LOAD_COMPARE_ROUNDS=n: each round of the comparison (default 10 s, 3 rounds)
 *                         LOAD_PEER=0: skip the comparison
 *                         BENCH_KEEP=1: keep the logs (their directory is printed)
 *
 * The stack runs in its own process (bench/stack-process.ts), so the load generator's CPU is
 * not the stack's. Each connection comes from its own loopback address (bench/source-addresses.ts)
 * and the signed-in requests take turns among LOAD_CONNECTIONS customers: anonymous callers are
 * limited per address and users per user (50/s, 10,000 a day), and a load test is many visitors,
 * not one over its limit. Orders carry an Idempotency-Key each and two lines of products whose
 * stock no run exhausts; payment is the stack's simulator.
 *
 * The comparison: GET /products?limit=12 and GET /products/{id}, each served by the stack's
 * gateway and by `serverless offline` (bench/peer.ts) from the same bundles with the same
 * environment, table, timeout and memory size, driven alternately with the same autocannon
 * settings after a warm-up round each (not measured) that lets serverless-offline start its workers.
 *
 * Exits non-zero when the mix gets any non-2xx answer or connection error, or a runtime fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type autocannon from "autocannon";
import { defaults, routes, type RouteContract } from "../packages/functions/src/manifest";
import { CLASSES, FIGURE_HEADER, figureRow, mixCycle, mixRequests, mixShares, MixTally, runLoad, startMixStack, type LoadFigures } from "./load-mix";
import { describeMachine, loadAverage } from "./machine";
import { startPeer, type Peer } from "./peer";
import { spreadSourceAddresses } from "./source-addresses";
import { quantile } from "./stats";
import { positiveSetting } from "./settings";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const SECONDS = positiveSetting("LOAD_SECONDS", 30);
const CONNECTIONS = positiveSetting("LOAD_CONNECTIONS", 32);
const COMPARE_SECONDS = positiveSetting("LOAD_COMPARE_SECONDS", 10);
const ROUNDS = positiveSetting("LOAD_COMPARE_ROUNDS", 3);
const WARM_UP_SECONDS = 5;

const workDir = mkdtempSync(join(tmpdir(), "emporium-load-"));
const started = new Date();
console.log(`${started.toISOString()}: ${describeMachine()}`);

const { stack, targets } = await startMixStack(CONNECTIONS, join(workDir, "stack.log"));
let peer: Peer | undefined;
let failed = false;
try {
  const { productIds } = targets;
  const settings = { connections: CONNECTIONS, pipelining: 1 };

  // ---- 1. the same handlers, served by the offline runtime and by serverless-offline
  if (process.env.LOAD_PEER !== "0") {
    const compared = (["GET /products", "GET /products/{id}"] as const).map((routeKey) => {
      const spec: RouteContract = routes[routeKey];
      return {
        routeKey,
        name: spec.name,
        exportName: spec.handler.slice(spec.handler.lastIndexOf(".") + 1),
        timeoutSeconds: parseInt(spec.timeout ?? defaults.timeout, 10),
        memoryMb: parseInt(spec.memory ?? defaults.memory, 10),
        ...stack.functions[spec.name]!,
      };
    });
    peer = await startPeer(compared, workDir);
    spreadSourceAddresses(Number(new URL(peer.url).port));
    const requestsFor = (routeKey: string): autocannon.Request[] => {
      if (routeKey === "GET /products") return [{ method: "GET", path: "/products?limit=12" }];
      let turn = 0;
      return [{ method: "GET", setupRequest: (request) => ({ ...request, path: `/products/${productIds[turn++ % productIds.length]}` }) }];
    };
    const servers = [
      { label: "offline runtime", url: stack.apiUrl },
      { label: "serverless-offline", url: peer.url },
    ];
    const rows: string[][] = [];
    const summary: string[][] = [];
    for (const { routeKey } of compared) {
      // Warm-up, not measured: serverless-offline starts a worker (a cold start) per concurrent
      // request until its pool is warm. Connections are added four at a time: 32 cold starts at
      // once on two busy cores outlast the function's timeout, and serverless-offline keeps
      // sending requests to a worker it ended after a timeout, each of which then times out too.
      for (const target of servers) {
        for (let connections = 4; connections <= CONNECTIONS; connections += 4) {
          await runLoad({ url: target.url, duration: 3, requests: requestsFor(routeKey), ...settings, connections });
        }
      }
      const runs = new Map<string, LoadFigures[]>(servers.map((target) => [target.label, []]));
      for (let round = 1; round <= ROUNDS; round++) {
        for (const target of servers) {
          const { figures } = await runLoad({ url: target.url, duration: COMPARE_SECONDS, requests: requestsFor(routeKey), ...settings });
          runs.get(target.label)!.push(figures);
          rows.push(figureRow(`${routeKey}, ${target.label}, round ${round}`, figures));
          if (figures.non2xx > 0 || figures.errors > 0) failed = true;
        }
      }
      const combined = servers.map((target) => combine(runs.get(target.label)!));
      const [ours, theirs] = combined as [Combined, Combined];
      summary.push([
        routeKey,
        ours.requestsPerSecond.toFixed(1),
        theirs.requestsPerSecond.toFixed(1),
        `${(ours.requestsPerSecond / theirs.requestsPerSecond).toFixed(2)}×`,
        `${ours.p50Ms.toFixed(0)} / ${theirs.p50Ms.toFixed(0)}`,
        `${ours.p99Ms.toFixed(0)} / ${theirs.p99Ms.toFixed(0)}`,
        `${ours.non2xx} / ${theirs.non2xx}`,
      ]);
    }
    const versions = peer.versions;
    await peer.stop();
    const peerTimeouts = peer.timeouts();
    peer = undefined;
    console.log(`\nThe same handlers under the offline runtime (Bun ${process.versions.bun}) and serverless-offline (${versions}): ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${COMPARE_SECONDS} s each:`);
    console.log(renderTable(FIGURE_HEADER, rows));
    console.log(`\nSide by side (req/s: all rounds' responses ÷ their time; p50, p99: median of the rounds; ratio: offline runtime ÷ serverless-offline):`);
    console.log(renderTable(["route", "offline req/s", "serverless-offline req/s", "throughput ratio", "p50 ms (ours / peer)", "p99 ms (ours / peer)", "non-2xx (ours / peer)"], summary));
    console.log(`serverless-offline logged ${peerTimeouts} Lambda timeout(s) over the comparison, warm-up included (a timed-out request still in flight when a round ends is not in its figures)`);
  }

  // ---- 2. the mix
  const cycle = mixCycle(mixShares());
  await runLoad({ url: stack.apiUrl, duration: WARM_UP_SECONDS, requests: mixRequests(targets, new MixTally(), cycle), ...settings });
  const tally = new MixTally();
  const { figures } = await runLoad({ url: stack.apiUrl, duration: SECONDS, requests: mixRequests(targets, tally, cycle), ...settings });
  console.log(
    `\nThe mix (${CLASSES.map((name) => `${name} ${(cycle.filter((entry) => entry === name).length / cycle.length) * 100}%`).join(", ")}) on the offline stack: ` +
      `${CONNECTIONS} connections for ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up:`,
  );
  console.log(renderTable(FIGURE_HEADER, [figureRow("mix", figures)]));
  console.log(`\nPer class (sent: requests written; answered: responses read before the run ended; latency per class from the bench's own clock):`);
  console.log(tally.table());
  const unexpected = tally.non2xx();
  console.log(unexpected.length === 0 ? "\nnon-2xx answers in the mix: none" : `\nnon-2xx answers in the mix: ${unexpected.map((entry) => `${entry.name} ${entry.status}×${entry.count}`).join(", ")}`);
  if (unexpected.length > 0 || figures.errors > 0) failed = true;
  console.log(`\nload average at the end: ${loadAverage()}; ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all`);
} finally {
  await peer?.stop();
  await stack.stop();
  if (process.env.BENCH_KEEP) console.log(`logs: ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}
if (failed) {
  console.error("the load bench saw non-2xx answers or connection errors (above)");
  process.exit(1);
}

interface Combined {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

function combine(runs: LoadFigures[]): Combined {
  return {
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requests, 0) / runs.reduce((sum, run) => sum + run.durationSeconds, 0),
    p50Ms: quantile(runs.map((run) => run.p50Ms), 0.5),
    p99Ms: quantile(runs.map((run) => run.p99Ms), 0.5),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  };
}
