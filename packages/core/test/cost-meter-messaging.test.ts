/**
 * The cost meter on the messaging services, against fauxqs (SQS, SNS) and kinesis-local, on a
 * queue, a topic and a stream of this test's own (nothing of the app's consumes them): a batch
 * call's line counts its entries, a Kinesis PutRecords line gives each record's billed size
 * (data plus partition key), single calls carry neither, and only DynamoDB data-plane calls are
 * asked for their consumed capacity.
 */
import { randomUUID } from "node:crypto";
import { CreateStreamCommand, DeleteStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { CreateTopicCommand, DeleteTopicCommand, PublishBatchCommand, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { METER_FLAG, METER_MARK, metered, type MeterLine } from "../src/aws/meter";
import { inputsSent } from "./support/meter";

const names = { queue: `cost-meter-${randomUUID()}`, topic: `cost-meter-${randomUUID()}`, stream: `cost-meter-${randomUUID()}` };
const created = { queueUrl: "", topicArn: "" };
const plain = { sqs: new SQSClient({}), sns: new SNSClient({}), kinesis: new KinesisClient({ requestHandler: new NodeHttpHandler() }) };
const destroyable: { destroy(): void }[] = [];
let lines: string[] = [];

/** `client` metered as the app's clients are when the cost model runs (aws/clients.ts). */
function meteredClient<T extends { destroy(): void }>(client: T): T {
  process.env[METER_FLAG] = "1";
  try {
    destroyable.push(client);
    return metered(client);
  } finally {
    delete process.env[METER_FLAG];
  }
}

const meterLines = () => lines.filter((line) => line.includes(METER_MARK)).map((line) => JSON.parse(line) as MeterLine);

beforeAll(async () => {
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  created.queueUrl = (await plain.sqs.send(new CreateQueueCommand({ QueueName: names.queue }))).QueueUrl!;
  created.topicArn = (await plain.sns.send(new CreateTopicCommand({ Name: names.topic }))).TopicArn!;
  await plain.kinesis.send(new CreateStreamCommand({ StreamName: names.stream, ShardCount: 1 }));
  // kinesis-local creates a stream asynchronously; bounded wait until it takes records.
  for (let attempt = 0; ; attempt++) {
    const { StreamDescriptionSummary } = await plain.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: names.stream }));
    if (StreamDescriptionSummary?.StreamStatus === "ACTIVE") break;
    if (attempt >= 100) throw new Error(`stream ${names.stream} not active after 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterEach(() => {
  lines = [];
});

afterAll(async () => {
  vi.restoreAllMocks();
  for (const client of destroyable) client.destroy();
  await plain.sqs.send(new DeleteQueueCommand({ QueueUrl: created.queueUrl }));
  await plain.sns.send(new DeleteTopicCommand({ TopicArn: created.topicArn }));
  await plain.kinesis.send(new DeleteStreamCommand({ StreamName: names.stream }));
  for (const client of Object.values(plain)) client.destroy();
});

describe("the cost meter on messaging calls", () => {
  it("counts the entries of SQS batches, and sends their input unchanged", async () => {
    const sqs = meteredClient(new SQSClient({}));
    const sent = inputsSent(sqs);
    const entries = ["a", "b", "c"].map((id) => ({ Id: id, MessageBody: `body ${id}` }));
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: created.queueUrl, Entries: entries }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: created.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    expect(Messages.length).toBeGreaterThan(0);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: created.queueUrl, Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }));

    expect(meterLines()).toEqual([
      { [METER_MARK]: 1, service: "SQS", operation: "SendMessageBatch", entries: 3 },
      { [METER_MARK]: 1, service: "SQS", operation: "ReceiveMessage" },
      { [METER_MARK]: 1, service: "SQS", operation: "DeleteMessageBatch", entries: Messages.length },
    ]);
    // Capacity is a DynamoDB question: nothing is added to another service's request.
    expect(sent).toHaveLength(3);
    for (const input of sent) expect(input).not.toHaveProperty("ReturnConsumedCapacity");
    // The bodies are the caller's, not the meter's to log.
    expect(lines.join("\n")).not.toContain("body a");
  });

  it("counts the entries of an SNS PublishBatch, and none for a single Publish", async () => {
    const sns = meteredClient(new SNSClient({}));
    await sns.send(
      new PublishBatchCommand({
        TopicArn: created.topicArn,
        PublishBatchRequestEntries: [
          { Id: "1", Message: "first" },
          { Id: "2", Message: "second" },
        ],
      }),
    );
    await sns.send(new PublishCommand({ TopicArn: created.topicArn, Message: "alone" }));
    expect(meterLines()).toEqual([
      { [METER_MARK]: 1, service: "SNS", operation: "PublishBatch", entries: 2 },
      { [METER_MARK]: 1, service: "SNS", operation: "Publish" },
    ]);
  });

  it("gives each Kinesis record's billed size, data plus partition key, and none for a single PutRecord", async () => {
    const kinesis = meteredClient(new KinesisClient({ requestHandler: new NodeHttpHandler() }));
    const bytes = (text: string) => new TextEncoder().encode(text);
    const answer = await kinesis.send(
      new PutRecordsCommand({
        StreamName: names.stream,
        Records: [
          // 5 bytes of data (é is two) and a 7-character key; 1,500 bytes and a 1-character key.
          { Data: bytes("café"), PartitionKey: "order-1" },
          { Data: bytes("x".repeat(1500)), PartitionKey: "k" },
          { Data: bytes("{}"), PartitionKey: "key-2" },
        ],
      }),
    );
    expect(answer.FailedRecordCount).toBe(0);
    await kinesis.send(new PutRecordCommand({ StreamName: names.stream, Data: bytes("one"), PartitionKey: "single" }));
    expect(meterLines()).toEqual([
      { [METER_MARK]: 1, service: "Kinesis", operation: "PutRecords", entries: 3, recordBytes: [12, 1501, 7] },
      { [METER_MARK]: 1, service: "Kinesis", operation: "PutRecord" },
    ]);
  });

  it("reports a PutRecords Kinesis refuses, for records without data or key or for no records, as failed with the service's error", async () => {
    const kinesis = meteredClient(new KinesisClient({ requestHandler: new NodeHttpHandler() }));
    // None of these fields is checked before sending; the meter must not trip over their absence.
    const refusal = (command: PutRecordsCommand) =>
      kinesis.send(command).then(
        () => undefined,
        (error: Error) => error,
      );
    const incomplete = await refusal(new PutRecordsCommand({ StreamName: names.stream, Records: [{ PartitionKey: "no-data" } as never, { Data: new Uint8Array(4) } as never] }));
    const empty = await refusal(new PutRecordsCommand({ StreamName: names.stream } as never));
    for (const refused of [incomplete, empty]) {
      expect(refused).toBeInstanceOf(Error);
      expect(refused!.name).not.toBe("TypeError");
    }
    expect(meterLines()).toEqual([
      { [METER_MARK]: 1, service: "Kinesis", operation: "PutRecords", entries: 2, recordBytes: [7, 4], failed: incomplete!.name },
      { [METER_MARK]: 1, service: "Kinesis", operation: "PutRecords", failed: empty!.name },
    ]);
  });

  it("meters a client once however often it is metered", async () => {
    const sns = meteredClient(meteredClient(new SNSClient({})));
    await sns.send(new PublishCommand({ TopicArn: created.topicArn, Message: "once" }));
    expect(meterLines()).toEqual([{ [METER_MARK]: 1, service: "SNS", operation: "Publish" }]);
  });
});
