import {
  buckets,
  kinesisStreams,
  queues,
  topics,
  type BucketCorsRule,
  type QueueName,
  type QueueSpec,
} from "../packages/functions/src/manifest";
import { capacity } from "./config";

/**
 * The event pipeline's resources, from the manifest: topics, queues (each consumer queue with
 * its dead-letter queue), topic → queue subscriptions (filter policy, raw delivery), the
 * analytics stream and the buckets. The functions they feed are infra/consumers.ts.
 */
export const topicComponents = Object.fromEntries(
  Object.keys(topics).map((name) => [name, new sst.aws.SnsTopic(name)]),
) as Record<keyof typeof topics, sst.aws.SnsTopic>;

const queueSpecs = queues as Record<QueueName, QueueSpec>;

/** Dead-letter queues by the name of the queue they serve, with the manifest's settings. */
export const deadLetterQueues = Object.fromEntries(
  Object.entries(queueSpecs).flatMap(([name, spec]) => {
    const settings = spec.deadLetter;
    if (!settings) return [];
    const queue = new sst.aws.Queue(`${name}Dlq`, {
      visibilityTimeout: `${settings.visibilityTimeoutSeconds} seconds`,
      transform: {
        queue: (args) => {
          args.messageRetentionSeconds = settings.retentionSeconds;
          return undefined;
        },
      },
    });
    return [[name, queue]];
  }),
) as Partial<Record<QueueName, sst.aws.Queue>>;

export const queueComponents = Object.fromEntries(
  Object.entries(queueSpecs).map(([name, spec]) => {
    const deadLetter = deadLetterQueues[name as QueueName];
    const queue = new sst.aws.Queue(name, {
      visibilityTimeout: `${spec.visibilityTimeoutSeconds} seconds`,
      ...(deadLetter && spec.deadLetter ? { dlq: { queue: deadLetter.arn, retry: spec.deadLetter.maxReceiveCount } } : {}),
    });
    return [name, queue];
  }),
) as Record<QueueName, sst.aws.Queue>;

/** Each subscribed queue's subscription to its topic, by queue name. */
export const queueSubscriptions = Object.fromEntries(
  Object.entries(queueSpecs).flatMap(([name, spec]) => {
    if (!spec.subscription) return [];
    const subscription = topicComponents[spec.subscription.topic].subscribeQueue(`${name}Subscription`, queueComponents[name as QueueName].arn, {
      filter: spec.subscription.filterPolicy,
      transform: {
        subscription: (args) => {
          // Consumers read the event itself, not SNS's envelope.
          args.rawMessageDelivery = true;
          return undefined;
        },
      },
    });
    return [[name, subscription]];
  }),
);

/**
 * SST creates on-demand streams, charged per stream-hour whether used or not; stages other than
 * production take one provisioned shard instead, the cheapest a stream can be (infra/settings.ts).
 */
export const streamComponents = Object.fromEntries(
  Object.entries(kinesisStreams).map(([name]) => [
    name,
    new sst.aws.KinesisStream(name, {
      transform: {
        stream: (args) => {
          const streams = capacity.streams;
          if (streams.mode === "on-demand") return undefined;
          args.streamModeDetails = { streamMode: "PROVISIONED" };
          args.shardCount = streams.shards;
          return undefined;
        },
      },
    }),
  ]),
) as Record<keyof typeof kinesisStreams, sst.aws.KinesisStream>;

/** Buckets with CORS rules in the manifest get exactly those (SST's default allows every origin and method). */
export const bucketComponents = Object.fromEntries(
  Object.entries(buckets as Record<string, { cors?: BucketCorsRule }>).map(([name, spec]) => {
    const rule = spec.cors;
    const cors = rule && {
      allowOrigins: [...rule.allowOrigins],
      allowMethods: [...rule.allowMethods],
      allowHeaders: [...rule.allowHeaders],
      exposeHeaders: [...rule.exposeHeaders],
      maxAge: `${rule.maxAgeSeconds} seconds` as const,
    };
    return [name, new sst.aws.Bucket(name, cors ? { cors } : {})];
  }),
) as Record<keyof typeof buckets, sst.aws.Bucket>;
