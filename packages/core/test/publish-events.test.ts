/**
 * Publishing order events to the order-events topic and the analytics stream, against fauxqs
 * (SNS, SQS) and kinesis-local. The topic is read through a queue of this test's own,
 * subscribed for the test, and the stream from iterators taken just before publishing, so what
 * the app's own consumers do with the same messages under `bun run test` does not matter. The
 * events are status changes to SHIPPED of orders that do not exist: no consumer counts, mails
 * or fulfils them.
 */
import { randomUUID } from "node:crypto";
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from "@aws-sdk/client-kinesis";
import { SNSClient, SubscribeCommand, UnsubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Resource } from "sst";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishOrderEvents, readStreamRecord, type OrderEvent } from "../src/events";
import { newId } from "../src/ids";
import { withLink } from "./support/links";

const sqs = new SQSClient({});
const sns = new SNSClient({});
const kinesis = new KinesisClient({ requestHandler: new NodeHttpHandler() });
const topic = { queueUrl: "", subscriptionArn: "" };

beforeAll(async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `test-publish-${randomUUID()}` }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  const { SubscriptionArn } = await sns.send(
    new SubscribeCommand({
      TopicArn: Resource.OrderEvents.arn,
      Protocol: "sqs",
      Endpoint: Attributes!.QueueArn!,
      Attributes: { RawMessageDelivery: "true" },
      ReturnSubscriptionArn: true,
    }),
  );
  Object.assign(topic, { queueUrl: QueueUrl!, subscriptionArn: SubscriptionArn! });
});

afterAll(async () => {
  await sns.send(new UnsubscribeCommand({ SubscriptionArn: topic.subscriptionArn }));
  await sqs.send(new DeleteQueueCommand({ QueueUrl: topic.queueUrl }));
  for (const client of [sqs, sns, kinesis]) client.destroy();
});

function shipped(count: number): OrderEvent[] {
  return Array.from({ length: count }, () => {
    const orderId = newId();
    return {
      type: "order.status_changed",
      version: 1,
      id: `${orderId}:v3`,
      occurredAt: "2026-12-03T10:00:00.000Z",
      data: {
        orderId,
        userId: `test-publish-${randomUUID()}`,
        status: "SHIPPED",
        previousStatus: "CONFIRMED",
        total: { amount: 500, currency: "EUR" },
        createdAt: "2026-12-03T09:00:00.000Z",
        lines: [{ productId: newId(), quantity: 1, lineTotal: { amount: 500, currency: "EUR" } }],
      },
    } satisfies OrderEvent;
  });
}

/** Iterators at the stream's current end, one per shard: what they read was written after this call. */
async function streamEnd(): Promise<string[]> {
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: Resource.Analytics.name }));
  expect(Shards.length).toBeGreaterThan(0);
  return Promise.all(
    Shards.map(
      async (shard) =>
        (await kinesis.send(new GetShardIteratorCommand({ StreamName: Resource.Analytics.name, ShardId: shard.ShardId!, ShardIteratorType: "LATEST" }))).ShardIterator!,
    ),
  );
}

/** The records written since `iterators`, with the events each carries (one read per shard is enough for a handful of records). */
async function recordsSince(iterators: string[]) {
  const records: { partitionKey: string; events: OrderEvent[] }[] = [];
  for (const iterator of iterators) {
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
    for (const record of Records) records.push({ partitionKey: record.PartitionKey!, events: readStreamRecord(Buffer.from(record.Data!).toString("utf8")) });
  }
  return records;
}

/** The messages of the test's queue (each deleted once read), until `count` have come (bounded). */
async function topicMessages(count: number) {
  const messages: { body: OrderEvent; attributes: Record<string, string | undefined> }[] = [];
  for (let round = 0; round < 20 && messages.length < count; round++) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: topic.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ["All"] }),
    );
    for (const message of Messages) {
      messages.push({
        body: JSON.parse(message.Body!) as OrderEvent,
        attributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue])),
      });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: topic.queueUrl, ReceiptHandle: message.ReceiptHandle! }));
    }
  }
  return messages;
}

describe("publishing order events", () => {
  it("puts every event on the topic, with type and status attributes, and packed on the stream, reporting no failure", async () => {
    // Twelve: more than one PublishBatch (10 entries at most) and still one stream record.
    const events = shipped(12);
    const before = await streamEnd();
    const failed = await publishOrderEvents(events);
    expect([...failed]).toEqual([]);

    const messages = await topicMessages(events.length);
    expect(messages.map((message) => message.body.id).sort()).toEqual(events.map((event) => event.id).sort());
    for (const message of messages) {
      expect(message.body).toEqual(events.find((event) => event.id === message.body.id));
      expect(message.attributes).toEqual({ type: "order.status_changed", status: "SHIPPED" });
    }

    const records = (await recordsSince(before)).filter((record) => record.events.some((event) => events.some((mine) => mine.id === event.id)));
    expect(records).toEqual([{ partitionKey: events[0]!.data.orderId, events }]);
  });

  it("reports every event of a call that failed as a whole, on either side, and only those", async () => {
    const events = shipped(3);
    // The stream is gone: the topic takes the events, the stream does not.
    const before = await streamEnd();
    const streamFailed = await withLink("Analytics", { name: `missing-${randomUUID()}` }, () => publishOrderEvents(events));
    expect([...streamFailed].sort()).toEqual(events.map((event) => event.id).sort());
    expect((await topicMessages(events.length)).map((message) => message.body.id).sort()).toEqual(events.map((event) => event.id).sort());
    // The topic is gone: the stream takes them.
    const topicFailed = await withLink("OrderEvents", { arn: `${Resource.OrderEvents.arn}-missing` }, () => publishOrderEvents(events));
    expect([...topicFailed].sort()).toEqual(events.map((event) => event.id).sort());
    const records = (await recordsSince(before)).filter((record) => record.events.some((event) => events.some((mine) => mine.id === event.id)));
    expect(records).toEqual([{ partitionKey: events[0]!.data.orderId, events }]);
  });

  it("publishes nothing for no events", async () => {
    const before = await streamEnd();
    expect([...(await publishOrderEvents([]))]).toEqual([]);
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: topic.queueUrl, WaitTimeSeconds: 1 }));
    expect(Messages).toEqual([]);
    // Under `bun run test` other producers may write meanwhile; none of it comes from this call, which had no events.
    expect((await recordsSince(before)).flatMap((record) => record.events).filter((event) => event.data.userId.startsWith("test-publish-"))).toEqual([]);
  });
});
