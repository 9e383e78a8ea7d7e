import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queues, type QueueName, type QueueSpec } from "@emporium/functions/manifest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { startKinesis } from "../src/emulators/kinesis";
import { freePort } from "../src/emulators/ports";
import type { Emulator } from "../src/emulators/process";
import { provisionMessaging, type MessagingOptions, type MessagingResources } from "../src/provision/messaging";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";

const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const lines: string[] = [];
const log = (line: string) => lines.push(line);
let fauxqs: FauxqsEmulator;
let kinesisLocal: Emulator;
let options: MessagingOptions;
let resources: MessagingResources;
let sqs: SQSClient;
let sns: SNSClient;
let s3: S3Client;
let kinesis: KinesisClient;

beforeAll(async () => {
  [fauxqs, kinesisLocal] = await Promise.all([startFauxqsEmulator({ log }), freePort().then((port) => startKinesis({ port, log }))]);
  const { endpoint } = fauxqs;
  options = { endpoints: { sqs: endpoint, sns: endpoint, s3: endpoint, kinesis: kinesisLocal.endpoint }, prefix: "emporium-test" };
  resources = await provisionMessaging(options);
  sqs = new SQSClient({ ...config, endpoint });
  sns = new SNSClient({ ...config, endpoint });
  s3 = new S3Client({ ...config, endpoint, forcePathStyle: true });
  kinesis = new KinesisClient({ ...config, endpoint: kinesisLocal.endpoint, requestHandler: new NodeHttpHandler() });
});

afterAll(async () => {
  for (const client of [sqs, sns, s3, kinesis]) client?.destroy();
  await Promise.all([fauxqs?.stop(), kinesisLocal?.stop()]);
});

/** Receives what is visible now, waiting up to `waitSeconds` for the first message. */
async function receive(queueUrl: string, { waitSeconds = 1, visibilityTimeout }: { waitSeconds?: number; visibilityTimeout?: number } = {}) {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      VisibilityTimeout: visibilityTimeout,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["ApproximateReceiveCount"],
    }),
  );
  return Messages;
}

async function receiveAndDelete(queueUrl: string) {
  const messages = await receive(queueUrl);
  for (const message of messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  return messages;
}

const publish = (type: string, body: object) =>
  sns.send(
    new PublishCommand({
      TopicArn: resources.topics.OrderEvents.arn,
      Message: JSON.stringify(body),
      MessageAttributes: { type: { DataType: "String", StringValue: type } },
    }),
  );

describe("messaging provisioned from the manifest on fauxqs and kinesis-local", () => {
  it("creates every topic, queue, dead-letter queue, stream and bucket under the prefix", async () => {
    expect(resources.topics.OrderEvents.arn).toMatch(/^arn:aws:sns:us-east-1:\d{12}:emporium-test-OrderEvents$/);
    const { FulfilmentQueue, OrderEventsFailures } = resources.queues;
    expect(FulfilmentQueue.arn).toMatch(/:emporium-test-FulfilmentQueue$/);
    expect(FulfilmentQueue.deadLetter?.arn).toMatch(/:emporium-test-FulfilmentQueueDlq$/);
    expect(OrderEventsFailures.deadLetter).toBeUndefined();

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: resources.queues.ExportsQueue.url, AttributeNames: ["All"] }));
    expect(Attributes?.VisibilityTimeout).toBe("180");
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: resources.queues.ExportsQueue.deadLetter!.arn, maxReceiveCount: queues.ExportsQueue.deadLetter.maxReceiveCount });

    expect(resources.kinesisStreams.Analytics).toEqual({ name: "emporium-test-Analytics", arn: expect.stringMatching(/^arn:aws:kinesis:.*:stream\/emporium-test-Analytics$/) });
    expect(resources.buckets.Exports).toEqual({ name: "emporium-test-Exports" });
    await s3.send(new HeadBucketCommand({ Bucket: resources.buckets.Exports.name }));
  });

  it("gives every dead-letter queue the manifest's settings, and its queue the manifest's redrive policy", async () => {
    const withDeadLetter = (Object.entries(queues) as [QueueName, QueueSpec][]).filter(([, spec]) => spec.deadLetter);
    expect(withDeadLetter.length).toBeGreaterThan(0);
    for (const [name, spec] of withDeadLetter) {
      const { url, deadLetter } = resources.queues[name];
      const { Attributes: dead } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: deadLetter!.url, AttributeNames: ["All"] }));
      expect(dead?.VisibilityTimeout, name).toBe(String(spec.deadLetter!.visibilityTimeoutSeconds));
      expect(dead?.MessageRetentionPeriod, name).toBe(String(spec.deadLetter!.retentionSeconds));
      const { Attributes: queue } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }));
      expect(JSON.parse(queue!.RedrivePolicy!), name).toEqual({ deadLetterTargetArn: deadLetter!.arn, maxReceiveCount: spec.deadLetter!.maxReceiveCount });
    }
  });

  it("delivers topic messages raw to the queues whose filter policy matches the type attribute", async () => {
    const { FulfilmentQueue, NotificationsQueue } = resources.queues;
    const created = { type: "order.created", orderId: "o-1" };
    await publish("order.created", created);
    for (const queue of [FulfilmentQueue, NotificationsQueue]) {
      const [message, ...others] = await receiveAndDelete(queue.url);
      expect(others).toEqual([]);
      expect(JSON.parse(message!.Body!)).toEqual(created);
      expect(message!.MessageAttributes?.type?.StringValue).toBe("order.created");
    }

    const changed = { type: "order.status_changed", orderId: "o-1" };
    await publish("order.status_changed", changed);
    const [notification] = await receiveAndDelete(NotificationsQueue.url);
    expect(JSON.parse(notification!.Body!)).toEqual(changed);
    expect(await receive(FulfilmentQueue.url, { waitSeconds: 0 })).toEqual([]);
  });

  it("moves a message received maxReceiveCount times without deletion to the dead-letter queue", async () => {
    const { url, deadLetter } = resources.queues.ExportsQueue;
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: "poison" }));
    const attempts = Array.from({ length: queues.ExportsQueue.deadLetter.maxReceiveCount }, (_, i) => i + 1);
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      const [message] = await receive(url, { visibilityTimeout: 0 });
      expect(message?.Attributes?.ApproximateReceiveCount).toBe(String(attempt));
    }
    expect(await receive(url, { waitSeconds: 0, visibilityTimeout: 0 })).toEqual([]);
    const [dead] = await receiveAndDelete(deadLetter!.url);
    expect(dead?.Body).toBe("poison");
  });

  it("serves records put on the Kinesis stream back through a shard iterator", async () => {
    const { name } = resources.kinesisStreams.Analytics;
    const data = new TextEncoder().encode(JSON.stringify({ orderId: "o-1", total: 4200 }));
    const { ShardId, SequenceNumber } = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "o-1", Data: data }));
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: SequenceNumber }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records[0]?.PartitionKey).toBe("o-1");
    expect(new TextDecoder().decode(Records[0]?.Data)).toBe(JSON.stringify({ orderId: "o-1", total: 4200 }));
  });

  it("provisions again without error and finds the same resources", async () => {
    expect(await provisionMessaging(options)).toEqual(resources);
  });
});
