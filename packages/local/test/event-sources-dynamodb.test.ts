import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { startDynamo } from "../src/emulators/dynamodb";
import { freePort } from "../src/emulators/ports";
import type { Emulator } from "../src/emulators/process";
import { startEventSources, type EventSources, type StreamMapping } from "../src/event-sources";
import type { DynamoDBStreamRecordJson } from "../src/event-sources/dynamodb-record";
import type { StreamOnFailureRecord } from "../src/event-sources/stream/on-failure";
import { FunctionHost } from "../src/functions/host";
import { LOCAL_CREDENTIALS } from "../src/local-account";

/*
 * Stream semantics against the real engines: DynamoDB Local's stream, fauxqs as the on-failure
 * queue, and a real FunctionHost running packages/local/test/fixtures/event-sources.ts. The
 * region is not DynamoDB Local's default so that the rewrites show.
 */
const REGION = "eu-west-1";
const credentials = LOCAL_CREDENTIALS;
const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "emporium-esm-ddb-"));
const host = new FunctionHost(root, out);

let dynamo: Emulator;
let fauxqs: FauxqsEmulator;
let ddb: DynamoDBClient;
let sqs: SQSClient;
const running: EventSources[] = [];

beforeAll(async () => {
  [dynamo, fauxqs] = await Promise.all([
    freePort().then((port) => startDynamo({ port, log: () => undefined })),
    startFauxqsEmulator({ log: () => undefined }),
    host.add([{ name: "Consumer", handler: "packages/local/test/fixtures/event-sources.dynamodb", memoryMb: 128, timeoutMs: 5_000, environment: {} }]),
  ]);
  ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
  sqs = new SQSClient({ endpoint: fauxqs.endpoint, region: REGION, credentials });
});

afterAll(async () => {
  await Promise.all(running.map((sources) => sources.stop()));
  ddb?.destroy();
  sqs?.destroy();
  await Promise.all([host.close(), dynamo?.stop(), fauxqs?.stop()]);
  rmSync(out, { recursive: true, force: true });
});

let tables = 0;
async function createTable(): Promise<string> {
  const name = `esm-${process.pid}-${++tables}`;
  await ddb.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [
        { AttributeName: "pk", KeyType: "HASH" },
        { AttributeName: "sk", KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      BillingMode: "PAY_PER_REQUEST",
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  return name;
}

async function put(table: string, pk: string, extra: Record<string, AttributeValue> = {}, sk = "ITEM") {
  await ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { S: sk }, ...extra } }));
}

const flag = (value: string) => ({ flag: { S: value } });
const keyOf = (record: DynamoDBStreamRecordJson, name: "pk" | "sk") => (record.dynamodb.Keys![name] as { S: string }).S;

/** Starts a mapping on `table` whose invocations are recorded as lists of partition keys. */
async function consume(table: string, settings: Partial<StreamMapping> = {}) {
  const calls: DynamoDBStreamRecordJson[][] = [];
  const lines: string[] = [];
  const sources = await startEventSources({
    region: REGION,
    endpoints: { dynamodb: dynamo.endpoint, sqs: fauxqs.endpoint },
    credentials,
    mappings: [
      {
        name: "Consumer",
        functionName: "Consumer",
        source: { kind: "dynamodb", tableName: table, startingPosition: "TRIM_HORIZON" },
        batchSize: 10,
        ...settings,
      },
    ],
    invoke: (name, event) => {
      calls.push((event as { Records: DynamoDBStreamRecordJson[] }).Records);
      return host.invoke(name, event);
    },
    log: (_source, line) => lines.push(line),
    pollIntervalMs: 100,
    retryDelayMs: 20,
  });
  running.push(sources);
  const keys = () => calls.map((records) => records.map((record) => keyOf(record, "pk")));
  return { sources, calls, keys, lines };
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("DynamoDB stream mappings", () => {
  it("deliver Lambda-shaped records, and re-deliver from the lowest failed record after batchItemFailures", async () => {
    const table = await createTable();
    await put(table, "a1", { blob: { B: new Uint8Array([1, 2, 3]) } });
    await put(table, "a2");
    await put(table, "a3", flag("fail-once"));
    await put(table, "a4");
    await put(table, "a5", flag("fail-once"));
    const { sources, calls, keys } = await consume(table);

    await waitFor("the retry", () => calls.length >= 2);
    // A record written after the retry: once it is delivered, the shard has moved past a1..a5 (records come in order).
    await put(table, "a6");
    await waitFor("a6", () => keys().flat().includes("a6"));
    // The handler reports a5 then a3; the checkpoint stops before a3 and a3.. comes again, once.
    expect(keys()).toEqual([
      ["a1", "a2", "a3", "a4", "a5"],
      ["a3", "a4", "a5"],
      ["a6"],
    ]);
    expect(sources.stats().Consumer).toMatchObject({ invocations: 3, recordsDelivered: 9, batchFailures: 1, sentToOnFailure: 0 });

    const first = calls[0]![0]!;
    expect(first).toMatchObject({ eventName: "INSERT", eventVersion: "1.1", eventSource: "aws:dynamodb", awsRegion: REGION });
    expect(first.eventSourceARN).toMatch(new RegExp(`^arn:aws:dynamodb:${REGION}:000000000000:table/${table}/stream/`));
    expect(first.dynamodb.ApproximateCreationDateTime).toBeTypeOf("number");
    expect(Math.abs(first.dynamodb.ApproximateCreationDateTime! - Date.now() / 1000)).toBeLessThan(120);
    expect(first.dynamodb.NewImage!.blob).toEqual({ B: "AQID" });
    expect(first.dynamodb).toMatchObject({ Keys: { pk: { S: "a1" }, sk: { S: "ITEM" } }, StreamViewType: "NEW_AND_OLD_IMAGES" });
  });

  it("retry a poison record alone after bisecting, send its batch info to the on-failure queue, and go on", async () => {
    const table = await createTable();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${table}-failures` }));
    for (const key of ["p1", "p2", "p3", "p4", "p5", "p6"]) await put(table, key, key === "p3" ? flag("poison") : {});
    const { sources, keys, calls } = await consume(table, { bisectOnError: true, maximumRetryAttempts: 2, onFailureQueueUrl: QueueUrl!, functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:emporium-local-Consumer" });

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10, MaxNumberOfMessages: 10 }));
    expect(Messages).toHaveLength(1);
    await waitFor("the records after the poison one", () => keys().at(-1)?.includes("p6") ?? false);
    expect(keys()).toEqual([
      ["p1", "p2", "p3", "p4", "p5", "p6"],
      ["p1", "p2", "p3"],
      ["p1", "p2"],
      ["p3"],
      ["p3"],
      ["p3"],
      ["p4", "p5", "p6"],
    ]);

    const failure = JSON.parse(Messages[0]!.Body!) as StreamOnFailureRecord;
    const poisonSequence = calls.flat().find((record) => keyOf(record, "pk") === "p3")!.dynamodb.SequenceNumber;
    expect(failure).toEqual({
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:emporium-local-Consumer",
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: 5,
      },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: poisonSequence,
        endSequenceNumber: poisonSequence,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: 1,
        streamArn: expect.stringMatching(new RegExp(`^arn:aws:dynamodb:${REGION}:000000000000:table/${table}/stream/`)),
      },
    });

    // The shard is not blocked: later records flow.
    await put(table, "p7");
    await waitFor("a record written later", () => keys().at(-1)?.includes("p7") ?? false);
    expect(sources.stats().Consumer).toMatchObject({ sentToOnFailure: 1, batchFailures: 5 });
  });

  it("drop records no filter matches, and move past them", async () => {
    const table = await createTable();
    await put(table, "o1", {}, "ORDER");
    await put(table, "o1", {}, "LINE#1");
    await put(table, "prod", {}, "PRODUCT");
    await ddb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: "o1" }, sk: { S: "LINE#1" } } }));
    await put(table, "o2", {}, "ORDER");
    const { sources, calls } = await consume(table, {
      filters: [{ dynamodb: { Keys: { sk: { S: ["ORDER"] } } } }, { eventName: ["REMOVE"], dynamodb: { Keys: { sk: { S: [{ prefix: "LINE#" }] } } } }],
    });

    // o2 is the last record: the shard's records come in order, so everything before it has been judged.
    await waitFor("o2", () => calls.flat().some((record) => keyOf(record, "pk") === "o2"));
    const delivered = calls.flat().map((record) => `${record.eventName} ${keyOf(record, "pk")} ${keyOf(record, "sk")}`);
    expect(delivered).toEqual(["INSERT o1 ORDER", "REMOVE o1 LINE#1", "INSERT o2 ORDER"]);
    expect(sources.stats().Consumer).toMatchObject({ recordsDelivered: 3, recordsFiltered: 2 });
  });

  it("cut batches at batchSize, in order, and start at LATEST when asked", async () => {
    const table = await createTable();
    await put(table, "before");
    const { keys } = await consume(table, { batchSize: 2, source: { kind: "dynamodb", tableName: table, startingPosition: "LATEST" } });
    for (const key of ["b1", "b2", "b3", "b4", "b5"]) await put(table, key);
    // b5 is the last record: the shard's records come in order, so nothing before it can still arrive.
    await waitFor("b5", () => keys().flat().includes("b5"));
    expect(keys().flat()).toEqual(["b1", "b2", "b3", "b4", "b5"]);
    expect(Math.max(...keys().map((batch) => batch.length))).toBeLessThanOrEqual(2);
  });

  it("gather records for the batching window before invoking", async () => {
    const table = await createTable();
    // A window several times the gap between the writes: on a loaded machine a write can take
    // most of a second to reach the stream, and the window counts from arrival, as on AWS.
    const { keys } = await consume(table, { batchSize: 100, batchingWindowSeconds: 3 });
    await put(table, "w1");
    // A sleep on purpose: the gap between the writes is what the window must span.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await put(table, "w2");
    await waitFor("w2", () => keys().flat().includes("w2"));
    expect(keys()).toEqual([["w1", "w2"]]);
  });

  it("start the window of a record already in the stream when the mapping first reads it, not at its minute-old stamp", async () => {
    // DynamoDB Local stamps records to the minute: a record read on a shard reader's first read
    // once looked a minute old, its window long over, and went out alone (seen in CI).
    const table = await createTable();
    await put(table, "early");
    const { keys } = await consume(table, { batchSize: 100, batchingWindowSeconds: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await put(table, "late");
    await waitFor("late", () => keys().flat().includes("late"));
    expect(keys()).toEqual([["early", "late"]]);
  });
});
