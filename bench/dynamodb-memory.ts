/**
 * DynamoDB Local alone, as `bun dev` starts it (startDynamo with a data folder: on disk), under a
 * steady read-heavy load like the soak's: six catalogue queries and one write every ~100 ms.
 * Samples the JVM's resident memory from /proc every 5 s and prints per-30-s medians.
 *
 *   bun bench/dynamodb-memory.ts   DX_SECONDS=s (default 150);
 *                                  EMPORIUM_DYNAMODB_JAVA_OPTIONS=... to compare JVM flags
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, PutItemCommand, QueryCommand, CreateTableCommand } from "@aws-sdk/client-dynamodb";
import { startDynamo } from "../packages/local/src/emulators/dynamodb";
import { freePorts } from "../packages/local/src/emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../packages/local/src/local-account";
import { processTree } from "./process-tree";
import { quantile } from "./stats";
const SECONDS = Number(process.env.DX_SECONDS ?? 150);
const dir = mkdtempSync(join(tmpdir(), "ddb-mem-"));
const [port] = await freePorts(1);
const t0 = performance.now();
const d = await startDynamo({ port: port!, dataDir: dir, log: () => {} });
const startMs = performance.now() - t0;
const c = new DynamoDBClient({ endpoint: d.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
await c.send(new CreateTableCommand({ TableName: "bench", BillingMode: "PAY_PER_REQUEST", AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }], KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }], StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" } }));
for (let i = 0; i < 50; i++) await c.send(new PutItemCommand({ TableName: "bench", Item: { pk: { S: "CATALOG" }, sk: { S: `P#${i}` }, name: { S: "x".repeat(300) } } }));
const rss = () => processTree(process.pid).filter((p) => p.command.includes("java")).reduce((s, p) => s + p.rssBytes, 0) / 1024 ** 2;
const samples: { at: number; rss: number }[] = [];
const started = performance.now();
const el = () => (performance.now() - started) / 1000;
const timer = setInterval(() => samples.push({ at: el(), rss: rss() }), 5000);
let n = 0;
while (el() < SECONDS) {
  const batch = [];
  for (let i = 0; i < 6; i++) batch.push(c.send(new QueryCommand({ TableName: "bench", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "CATALOG" } }, Limit: 20 })));
  batch.push(c.send(new PutItemCommand({ TableName: "bench", Item: { pk: { S: `ORDER#${n}` }, sk: { S: "META" }, body: { S: "y".repeat(800) } } })));
  await Promise.all(batch);
  n++;
  await new Promise((r) => setTimeout(r, 100));
}
clearInterval(timer);
const w = Array.from({ length: Math.ceil(SECONDS / 30) }, (_, i) => { const v = samples.filter((s) => s.at >= i * 30 && s.at < (i + 1) * 30).map((s) => s.rss); return v.length ? quantile(v, 0.5).toFixed(0) : "-"; });
console.log(`${process.env.EMPORIUM_DYNAMODB_JAVA_OPTIONS ?? "(default)"}: start ${startMs.toFixed(0)} ms; ${n} rounds; RSS per 30 s ${w.join(" ")}`);
c.destroy(); await d.stop(); rmSync(dir, { recursive: true, force: true });
