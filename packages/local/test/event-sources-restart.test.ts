import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynamo } from "../src/emulators/dynamodb";
import { startKinesis } from "../src/emulators/kinesis";
import { freePort, waitUntil } from "../src/emulators/ports";
import type { Emulator } from "../src/emulators/process";
import { startEventSources, type EventSources, type StreamMapping } from "../src/event-sources";
import { LOCAL_CREDENTIALS } from "../src/local-account";

/*
 * Stream checkpoints across a restart of the event sources, and batching windows counted from
 * a record's arrival, against DynamoDB Local and kinesis-local. The "function" here only records
 * what it is given and when.
 */
const REGION = "eu-west-1";
const credentials = LOCAL_CREDENTIALS;
const dir = mkdtempSync(join(tmpdir(), "emporium-esm-restart-"));

let dynamo: Emulator;
let kinesisLocal: Emulator;
let ddb: DynamoDBClient;
let kinesis: KinesisClient;
const running: EventSources[] = [];

beforeAll(async () => {
  [dynamo, kinesisLocal] = await Promise.all([
    freePort().then((port) => startDynamo({ port, log: () => undefined })),
    freePort().then((port) => startKinesis({ port, log: () => undefined })),
  ]);
  ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  kinesis = new KinesisClient({ endpoint: kinesisLocal.endpoint, region: REGION, credentials, requestHandler: new NodeHttpHandler() });
});

afterAll(async () => {
  await Promise.all(running.map((sources) => sources.stop()));
  ddb?.destroy();
  kinesis?.destroy();
  await Promise.all([dynamo?.stop(), kinesisLocal?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

let tables = 0;
async function createTable(): Promise<string> {
  const name = `restart-${process.pid}-${++tables}`;
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" },
    }),
  );
  return name;
}

const put = (table: string, pk: string, kind = "order") =>
  ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, kind: { S: kind } } }));

interface Delivery {
  at: number;
  keys: string[];
}

async function consume(source: StreamMapping["source"], settings: Partial<StreamMapping> & { checkpointFile?: string; pollIntervalMs?: number } = {}) {
  const { checkpointFile, pollIntervalMs = 100, ...mapping } = settings;
  const deliveries: Delivery[] = [];
  const sources = await startEventSources({
    region: REGION,
    endpoints: { dynamodb: dynamo.endpoint, kinesis: kinesisLocal.endpoint },
    credentials,
    mappings: [{ name: "Consumer", functionName: "Consumer", source, batchSize: 10, ...mapping }],
    invoke: async (_name, event) => {
      const records = (event as { Records: { dynamodb?: { Keys: { pk: { S: string } } }; kinesis?: { partitionKey: string } }[] }).Records;
      deliveries.push({ at: Date.now(), keys: records.map((record) => record.dynamodb?.Keys.pk.S ?? record.kinesis!.partitionKey) });
      return {};
    },
    log: () => undefined,
    pollIntervalMs,
    checkpointFile,
  });
  running.push(sources);
  const keys = () => deliveries.flatMap((delivery) => delivery.keys);
  return { sources, deliveries, keys };
}

const waitFor = (what: string, condition: () => boolean) => waitUntil(what, async () => condition(), 10_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("stream checkpoints", () => {
  it("survive a restart: the mapping resumes after the last record it was done with, not at TRIM_HORIZON", async () => {
    const table = await createTable();
    const checkpointFile = join(dir, "checkpoints.json");
    const source = { kind: "dynamodb", tableName: table, startingPosition: "TRIM_HORIZON" } as const;
    const filters = [{ dynamodb: { NewImage: { kind: { S: ["order"] } } } }];
    await put(table, "a");
    await put(table, "b");
    const first = await consume(source, { checkpointFile, filters });
    await waitFor("a and b", () => first.keys().length === 2);
    // Filtered out: done with too, so the checkpoint moves past it (stopped once the mapping has judged it).
    await put(table, "noise", "product");
    await waitFor("the noise record to be filtered out", () => first.sources.stats().Consumer?.recordsFiltered === 1);
    await first.sources.stop();
    expect(first.keys()).toEqual(["a", "b"]);
    expect(existsSync(checkpointFile)).toBe(true);
    const saved = Object.entries(JSON.parse(readFileSync(checkpointFile, "utf8")) as Record<string, string>);
    expect(saved).toHaveLength(1);
    expect(saved[0]![0]).toMatch(/^Consumer arn:aws:dynamodb:eu-west-1:\d+:table\/restart-.+\/stream\/.+ shardId-/);

    await put(table, "c");
    const second = await consume(source, { checkpointFile, filters });
    await waitFor("c", () => second.keys().includes("c"));
    // A shard's records arrive in order: had the mapping restarted before its checkpoint, a and b would have come before c.
    expect(second.keys()).toEqual(["c"]);
    expect(second.sources.stats().Consumer).toMatchObject({ recordsDelivered: 1, recordsFiltered: 0 });
  });

  it("are kept per mapping and stream: another table's mapping starts at its own starting position", async () => {
    const checkpointFile = join(dir, "checkpoints.json");
    const table = await createTable();
    await put(table, "x");
    const other = await consume({ kind: "dynamodb", tableName: table, startingPosition: "TRIM_HORIZON" }, { checkpointFile });
    await waitFor("x", () => other.keys().includes("x"));
    expect(other.keys()).toEqual(["x"]);
    await other.sources.stop();
  });

  it("are in memory only without a file: a new start reads from the starting position again", async () => {
    const table = await createTable();
    await put(table, "m");
    const first = await consume({ kind: "dynamodb", tableName: table, startingPosition: "TRIM_HORIZON" });
    await waitFor("m", () => first.keys().includes("m"));
    await first.sources.stop();
    const second = await consume({ kind: "dynamodb", tableName: table, startingPosition: "TRIM_HORIZON" });
    await waitFor("m again", () => second.keys().includes("m"));
    await second.sources.stop();
  });
});

describe("batching windows", () => {
  it("deliver a record that arrives alone one window after it reached the stream, with no poll interval on top (Kinesis)", async () => {
    const stream = `window-${process.pid}`;
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    await waitUntil("the stream", async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary?.StreamStatus === "ACTIVE");
    // A poll interval as long as the window: were the window counted from when a poll saw the
    // record, delivery would come 1–2 s after it was put, 1.5 s on average.
    const consumer = await consume({ kind: "kinesis", streamName: stream, startingPosition: "LATEST" }, { batchingWindowSeconds: 1, pollIntervalMs: 1_000 });
    const delays: number[] = [];
    for (const key of ["k1", "k2", "k3"]) {
      // Deliberate, random gaps: the records land at different points of the poll cycle, which is what the window is measured against.
      await sleep(300 + Math.random() * 700);
      const put = Date.now();
      await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: Buffer.from("{}") }));
      await waitFor(key, () => consumer.keys().includes(key));
      delays.push(consumer.deliveries.find((delivery) => delivery.keys.includes(key))!.at - put);
    }
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(950);
      expect(delay).toBeLessThan(1_250);
    }
    expect(consumer.deliveries.map((delivery) => delivery.keys)).toEqual([["k1"], ["k2"], ["k3"]]);
  });

  it("count from no earlier than the poll before the one that saw the record when the stream stamps arrivals coarsely (DynamoDB Local: to the minute)", async () => {
    const table = await createTable();
    const pollIntervalMs = 300;
    const consumer = await consume({ kind: "dynamodb", tableName: table, startingPosition: "LATEST" }, { batchingWindowSeconds: 1, pollIntervalMs });
    const delays: number[] = [];
    for (const key of ["d1", "d2", "d3"]) {
      // Deliberate, random gaps: the records land at different points of the poll cycle, which is what the window is measured against.
      await sleep(200 + Math.random() * 400);
      const written = Date.now();
      await put(table, key);
      await waitFor(key, () => consumer.keys().includes(key));
      delays.push(consumer.deliveries.find((delivery) => delivery.keys.includes(key))!.at - written);
    }
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1_000 - pollIntervalMs - 50);
      expect(delay).toBeLessThan(1_250);
    }
  });
});
