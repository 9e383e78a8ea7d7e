import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, paginateListStreams } from "@aws-sdk/client-kinesis";
import { BucketAlreadyOwnedByYou, CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import {
  buckets,
  kinesisStreams,
  queues,
  topics,
  type QueueName,
  type QueueSpec,
  type TopicName,
} from "@emporium/functions/manifest";
import { waitUntil } from "../emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

export type KinesisStreamName = keyof typeof kinesisStreams;
export type BucketName = keyof typeof buckets;

export interface MessagingOptions {
  /**
   * Where each service is served (fauxqs serves SQS, SNS and S3 on one endpoint). Kinesis's may
   * be a promise (kinesis-local still starting): the topics, queues and buckets are provisioned
   * at once and the streams when it resolves.
   */
  endpoints: { sqs: string; sns: string; s3: string; kinesis: string | Promise<string> };
  /** Physical names are `<prefix>-<Name>`, e.g. `emporium-local-FulfilmentQueue`. */
  prefix: string;
  /** The region the ARNs name; the functions must use the same one. */
  region?: string;
  /**
   * Tests compress time: every queue's visibility timeout becomes this many seconds, so a
   * failing message is redelivered (and dead-lettered) in seconds rather than minutes.
   */
  visibilityTimeoutSeconds?: number;
}

export interface QueueAddress {
  url: string;
  arn: string;
}

/** What was created, by manifest name. */
export interface MessagingResources {
  topics: Record<TopicName, { arn: string }>;
  queues: Record<QueueName, QueueAddress & { deadLetter?: QueueAddress }>;
  kinesisStreams: Record<KinesisStreamName, { name: string; arn: string }>;
  buckets: Record<BucketName, { name: string }>;
}

/**
 * The manifest's topics, queues (with their dead-letter queues and topic subscriptions), Kinesis
 * streams and buckets, as `infra/events.ts` deploys them. Takes endpoints rather than clients so
 * that the Kinesis client is sure to speak HTTP/1.1. Safe to run again on the same emulators:
 * every create call is idempotent for unchanged definitions.
 */
export async function provisionMessaging({ endpoints, prefix, region = LOCAL_REGION, visibilityTimeoutSeconds }: MessagingOptions): Promise<MessagingResources> {
  const config = { region, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...config, endpoint: endpoints.sqs });
  const sns = new SNSClient({ ...config, endpoint: endpoints.sns });
  const s3 = new S3Client({ ...config, endpoint: endpoints.s3, forcePathStyle: true });
  const name = (logical: string) => `${prefix}-${logical}`;
  const provisionStreams = async () => {
    const kinesis = new KinesisClient({ ...config, endpoint: await endpoints.kinesis, requestHandler: new NodeHttpHandler() });
    try {
      return await mapEntries(kinesisStreams, (logical, spec) => provisionStream(kinesis, name(logical), spec.shardCount));
    } finally {
      kinesis.destroy();
    }
  };
  try {
    const [topicsAndQueues, streams, bucketNames] = await Promise.all([
      provisionTopicsAndQueues(sns, sqs, name, visibilityTimeoutSeconds),
      provisionStreams(),
      mapEntries(buckets, (logical) => provisionBucket(s3, name(logical))),
    ]);
    return { ...topicsAndQueues, kinesisStreams: streams, buckets: bucketNames };
  } finally {
    for (const client of [sqs, sns, s3]) client.destroy();
  }
}

/** Topics first: subscriptions need their ARNs. */
async function provisionTopicsAndQueues(sns: SNSClient, sqs: SQSClient, name: (logical: string) => string, visibilityOverride?: number) {
  const topicArns = await mapEntries(topics, async (logical) => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: name(logical) }));
    return { arn: TopicArn! };
  });
  const queueAddresses = await mapEntries(queues as Record<QueueName, QueueSpec>, async (logical, spec) => {
    // A dead-letter queue is `<Name>Dlq`, with the manifest's settings, as infra/events.ts deploys it.
    const settings = spec.deadLetter;
    const deadLetter = settings
      ? await provisionQueue(sqs, name(`${logical}Dlq`), {
          VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(settings.retentionSeconds),
        })
      : undefined;
    const queue = await provisionQueue(sqs, name(logical), {
      VisibilityTimeout: String(visibilityOverride ?? spec.visibilityTimeoutSeconds),
      ...(deadLetter && settings ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount: settings.maxReceiveCount }) } : {}),
    });
    if (spec.subscription) {
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArns[spec.subscription.topic].arn,
          Protocol: "sqs",
          Endpoint: queue.arn,
          // The filter applies to message attributes (SNS's default scope); raw delivery gives
          // consumers the event itself rather than SNS's envelope.
          Attributes: { FilterPolicy: JSON.stringify(spec.subscription.filterPolicy), RawMessageDelivery: "true" },
          ReturnSubscriptionArn: true,
        }),
      );
    }
    return { ...queue, ...(deadLetter ? { deadLetter } : {}) };
  });
  return { topics: topicArns, queues: queueAddresses };
}

/** CreateQueue returns the existing queue when the attributes match; the ARN comes from SQS itself. */
async function provisionQueue(sqs: SQSClient, name: string, attributes: Record<string, string>): Promise<QueueAddress> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/**
 * Creates the stream unless it exists, then waits until it takes records. Looks before creating:
 * kinesis-local logs every refused request with a stack trace.
 */
async function provisionStream(kinesis: KinesisClient, name: string, shardCount: number): Promise<{ name: string; arn: string }> {
  if (!(await streamExists(kinesis, name))) {
    await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  }
  let arn = "";
  await waitUntil(
    `Kinesis stream ${name}`,
    async () => {
      const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      arn = StreamDescriptionSummary!.StreamARN!;
      return StreamDescriptionSummary!.StreamStatus === "ACTIVE";
    },
    10_000,
  );
  return { name, arn };
}

async function streamExists(kinesis: KinesisClient, name: string): Promise<boolean> {
  for await (const page of paginateListStreams({ client: kinesis }, {})) {
    if (page.StreamNames?.includes(name)) return true;
  }
  return false;
}

async function provisionBucket(s3: S3Client, name: string): Promise<{ name: string }> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
  return { name };
}

/** Runs `provision` for every entry of a manifest record, in order, keeping its keys. */
async function mapEntries<K extends string, V, R>(record: Record<K, V>, provision: (key: K, value: V) => Promise<R>): Promise<Record<K, R>> {
  const result = {} as Record<K, R>;
  for (const [key, value] of Object.entries(record) as [K, V][]) result[key] = await provision(key, value);
  return result;
}
