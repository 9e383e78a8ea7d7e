/**
 * kinesis-local alone, as `bun dev` starts it (startKinesis with a data folder: persisting), fed
 * the analytics stream's share of the soak: records of packed order events put at a steady rate
 * while a reader polls the shard once a second from where it left off, as the stack's
 * event-source mapping does. Samples the emulator's resident memory from /proc, and reports the
 * size of the file it persists to.
 *
 *   bun bench/kinesis-memory.ts   KX_SECONDS=s: how long records are put (default 240)
 *                                 KX_RATE=n: records a second (default 6)
 *                                 KX_PRELOAD=n: records put before sampling starts (default 0)
 *                                 KX_PERSIST=0: in memory instead
 *
 * One process, bounded: it stops after KX_SECONDS and prints per-30-s medians.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { startKinesis } from "../packages/local/src/emulators/kinesis";
import { freePorts } from "../packages/local/src/emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../packages/local/src/local-account";
import { processTree } from "./process-tree";
import { positiveSetting } from "./settings";
import { quantile } from "./stats";

const SECONDS = positiveSetting("KX_SECONDS", 240);
const RATE = positiveSetting("KX_RATE", 6);
const PRELOAD = Number(process.env.KX_PRELOAD ?? 0);
const persist = process.env.KX_PERSIST !== "0";

const dir = mkdtempSync(join(tmpdir(), "emporium-kx-"));
const [port] = await freePorts(1);
const kinesis = await startKinesis({ port: port!, dataDir: persist ? join(dir, "kinesis") : undefined, log: (line) => console.log(`[kinesis] ${line}`) });
const client = new KinesisClient({ endpoint: kinesis.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, requestHandler: new NodeHttpHandler() });
const rss = () => processTree(process.pid).filter((entry) => entry.command.includes("kinesis-local")).reduce((sum, entry) => sum + entry.rssBytes, 0);
const MiB = 1024 ** 2;
const kinesisPid = () => processTree(process.pid).find((entry) => entry.command.includes("kinesis-local"))?.pid;
/** CPU seconds (user and system) the emulator has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${kinesisPid()}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
try {
  const StreamName = "analytics";
  await client.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
  await new Promise((resolve) => setTimeout(resolve, 200));
  // An order's two events (created, then confirmed), packed as the processor packs them.
  let sequence = 0;
  const record = () => {
    const orderId = `order-${++sequence}`;
    const event = (type: string, status: string) => ({
      type,
      version: 1,
      id: `${orderId}:v${sequence}`,
      occurredAt: new Date().toISOString(),
      data: {
        orderId,
        userId: "5f0c2a54-6b1e-4c1e-9a53-0d5f2c7c1a11",
        status,
        total: { amount: 4998, currency: "EUR" },
        createdAt: new Date().toISOString(),
        lines: [{ productId: "prod-0001-aaaa-bbbb-cccc", quantity: 2, lineTotal: { amount: 4998, currency: "EUR" } }],
      },
    });
    return { PartitionKey: orderId, Data: Buffer.from(JSON.stringify([event("order.created", "PENDING"), event("order.status_changed", "CONFIRMED")])) };
  };
  for (let i = 0; i < PRELOAD; i += 100) {
    await client.send(new PutRecordsCommand({ StreamName, Records: Array.from({ length: Math.min(100, PRELOAD - i) }, record) }));
  }
  let { ShardIterator: iterator } = await client.send(new GetShardIteratorCommand({ StreamName, ShardId: "shardId-000000000000", ShardIteratorType: "LATEST" }));
  let read = 0;
  const started = performance.now();
  const cpuAtStart = cpuSeconds();
  const samples: { at: number; rss: number }[] = [];
  const elapsed = () => (performance.now() - started) / 1000;
  const sampler = setInterval(() => samples.push({ at: elapsed(), rss: rss() }), 5_000);
  samples.push({ at: 0, rss: rss() });
  const reader = (async () => {
    while (elapsed() < SECONDS) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
      read += page.Records?.length ?? 0;
      iterator = page.NextShardIterator;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();
  let put = 0;
  while (elapsed() < SECONDS) {
    await client.send(new PutRecordsCommand({ StreamName, Records: [record()] }));
    put++;
    const due = started + (put / RATE) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  await reader;
  const cpu = cpuSeconds() - cpuAtStart;
  clearInterval(sampler);
  samples.push({ at: elapsed(), rss: rss() });
  const windows = Math.ceil(SECONDS / 30);
  const medians = Array.from({ length: windows }, (_, w) => {
    const values = samples.filter((s) => s.at >= w * 30 && s.at < (w + 1) * 30).map((s) => s.rss);
    return values.length ? (quantile(values, 0.5) / MiB).toFixed(0) : "–";
  });
  const all = samples.map((s) => s.rss / MiB);
  let fileBytes = 0;
  try {
    fileBytes = statSync(join(dir, "kinesis", "kinesis.json")).size;
  } catch {}
  console.log(
    `persist ${persist}; preload ${PRELOAD}; put ${put} at ${RATE}/s, read ${read}; file ${(fileBytes / MiB).toFixed(2)} MiB; CPU ${((cpu / SECONDS) * 100).toFixed(0)}% of a core`,
  );
  console.log(`RSS MiB per 30 s (median): ${medians.join(" ")}; min ${Math.min(...all).toFixed(0)} max ${Math.max(...all).toFixed(0)}`);
} finally {
  client.destroy();
  await kinesis.stop();
  rmSync(dir, { recursive: true, force: true });
}
