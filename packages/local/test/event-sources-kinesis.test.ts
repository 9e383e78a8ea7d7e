import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, ListShardsCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { freePort, waitUntil } from "../src/emulators/ports";
import { startKinesis } from "../src/emulators/kinesis";
import type { Emulator } from "../src/emulators/process";
import { startEventSources, type EventSources } from "../src/event-sources";
import type { KinesisStreamRecordJson } from "../src/event-sources/kinesis-record";
import { KinesisStreamSource } from "../src/event-sources/kinesis-source";
import type { StreamOnFailureRecord } from "../src/event-sources/stream/on-failure";
import { FunctionHost } from "../src/functions/host";
import { LOCAL_CREDENTIALS } from "../src/local-account";

/*
 * The same stream semantics on Kinesis, against kinesis-local with two shards: per-shard
 * order, filters on decoded data, partial failures, and a batch given up without bisecting.
 */
const REGION = "eu-west-1";
const credentials = LOCAL_CREDENTIALS;
const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "emporium-esm-kinesis-"));
const host = new FunctionHost(root, out);
const STREAM = "esm-analytics";

let kinesisLocal: Emulator;
let fauxqs: FauxqsEmulator;
let kinesis: KinesisClient;
let sqs: SQSClient;
let sources: EventSources | undefined;

beforeAll(async () => {
  [kinesisLocal, fauxqs] = await Promise.all([
    freePort().then((port) => startKinesis({ port, log: () => undefined })),
    startFauxqsEmulator({ log: () => undefined }),
    host.add([{ name: "Analytics", handler: "packages/local/test/fixtures/event-sources.kinesis", memoryMb: 128, timeoutMs: 5_000, environment: {} }]),
  ]);
  kinesis = new KinesisClient({ endpoint: kinesisLocal.endpoint, region: REGION, credentials, requestHandler: new NodeHttpHandler() });
  sqs = new SQSClient({ endpoint: fauxqs.endpoint, region: REGION, credentials });
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  await waitUntil("the stream", async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }))).StreamDescriptionSummary?.StreamStatus === "ACTIVE");
});

afterAll(async () => {
  await sources?.stop();
  kinesis?.destroy();
  sqs?.destroy();
  await Promise.all([host.close(), kinesisLocal?.stop(), fauxqs?.stop()]);
  rmSync(out, { recursive: true, force: true });
});

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Kinesis stream mappings", () => {
  it("deliver per shard in order, filter on decoded data, retry reported failures, and give up a failing batch", async () => {
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: STREAM }));
    const [first, second] = Shards.map((shard) => ({ id: shard.ShardId!, hashKey: shard.HashKeyRange!.StartingHashKey! }));
    const put = (shard: { hashKey: string }, id: string, data: object = {}) =>
      kinesis.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: id, ExplicitHashKey: shard.hashKey, Data: Buffer.from(JSON.stringify({ id, kind: "sale", ...data })) }));
    await put(first!, "a1");
    await put(first!, "a2", { flag: "fail-once" });
    await put(first!, "a3");
    await put(second!, "b1", { flag: "poison" });
    await put(second!, "noise", { kind: "page-view" });
    await put(second!, "b2");
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "esm-analytics-failures" }));

    const calls: KinesisStreamRecordJson[][] = [];
    sources = await startEventSources({
      region: REGION,
      endpoints: { kinesis: kinesisLocal.endpoint, sqs: fauxqs.endpoint },
      credentials,
      mappings: [
        {
          name: "SalesAnalytics",
          functionName: "Analytics",
          source: { kind: "kinesis", streamName: STREAM, startingPosition: "TRIM_HORIZON" },
          batchSize: 10,
          filters: [{ data: { kind: ["sale"] } }],
          bisectOnError: false,
          maximumRetryAttempts: 1,
          onFailureQueueUrl: QueueUrl!,
        },
      ],
      invoke: (name, event) => {
        calls.push((event as { Records: KinesisStreamRecordJson[] }).Records);
        return host.invoke(name, event);
      },
      log: () => undefined,
      pollIntervalMs: 100,
      retryDelayMs: 20,
    });

    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    expect(Messages).toHaveLength(1);
    const ids = (records: KinesisStreamRecordJson[]) => records.map((record) => JSON.parse(Buffer.from(record.kinesis.data, "base64").toString()).id);
    const onShard = (shardId: string) => calls.filter((records) => records[0]!.eventID.startsWith(`${shardId}:`)).map(ids);
    await waitFor("the retry on the first shard", () => onShard(first!.id).length >= 2);

    expect(onShard(first!.id)).toEqual([
      ["a1", "a2", "a3"],
      ["a2", "a3"],
    ]);
    // No bisect: the whole batch is retried once (maximumRetryAttempts 1), then given up.
    expect(onShard(second!.id)).toEqual([
      ["b1", "b2"],
      ["b1", "b2"],
    ]);
    const record = (id: string) => calls.flat().find((candidate) => ids([candidate])[0] === id)!;
    const [b1, b2] = [record("b1"), record("b2")];
    const failure = JSON.parse(Messages[0]!.Body!) as StreamOnFailureRecord;
    expect(failure).toMatchObject({
      requestContext: { functionArn: `arn:aws:lambda:${REGION}:000000000000:function:Analytics`, condition: "RetryAttemptsExhausted", approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      KinesisBatchInfo: {
        shardId: second!.id,
        startSequenceNumber: b1.kinesis.sequenceNumber,
        endSequenceNumber: b2.kinesis.sequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/\.\d{3}Z$/),
        batchSize: 2,
        streamArn: `arn:aws:kinesis:${REGION}:000000000000:stream/${STREAM}`,
      },
    });

    const a1 = record("a1");
    expect(a1).toEqual({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: "a1",
        sequenceNumber: expect.stringMatching(/^\d+$/),
        data: Buffer.from(JSON.stringify({ id: "a1", kind: "sale" })).toString("base64"),
        approximateArrivalTimestamp: expect.any(Number),
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${first!.id}:${a1.kinesis.sequenceNumber}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: "arn:aws:iam::000000000000:role/Analytics-role",
      awsRegion: REGION,
      eventSourceARN: `arn:aws:kinesis:${REGION}:000000000000:stream/${STREAM}`,
    });

    // The shard moved past the given-up batch.
    await put(second!, "b3");
    await waitFor("b3", () => onShard(second!.id).flat().includes("b3"));
    expect(sources.stats().SalesAnalytics).toMatchObject({ recordsFiltered: 1, sentToOnFailure: 2 });
  });
});

describe("a Kinesis stream source", () => {
  it("asks for the stream's ARN only when the mapping does not give it", async () => {
    const calls: string[] = [];
    const client = { send: async (command: object) => (calls.push(command.constructor.name), { StreamDescriptionSummary: { StreamARN: "arn:described" } }) } as unknown as KinesisClient;
    const signal = new AbortController().signal;
    const given = await KinesisStreamSource.open(client, { streamName: STREAM, streamArn: "arn:given" }, REGION, "arn:role", signal);
    expect(given.arn).toBe("arn:given");
    expect(calls).toEqual([]);
    const described = await KinesisStreamSource.open(client, { streamName: STREAM }, REGION, "arn:role", signal);
    expect(described.arn).toBe("arn:described");
    expect(calls).toEqual(["DescribeStreamSummaryCommand"]);
  });
});
