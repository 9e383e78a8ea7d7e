import {
  buckets,
  uploads,
  consumers,
  kinesisStreams,
  queues,
  topics,
  type BucketCorsRule,
  type ConsumerSpec,
  type Link,
  type QueueName,
  type QueueSpec,
} from "../packages/functions/src/manifest";
import { client, userPool } from "./auth";
import { capacity } from "./config";
import { email } from "./email";
import { functionArgs } from "./functions";
import { apiKeyPepper, cursorSecret, idempotencyTable, table } from "./storage";

/**
 * The event pipeline, from the manifest: topics, queues (each consumer queue with its DLQ),
 * topic → queue subscriptions (filter policy, raw delivery), the analytics stream, the exports
 * bucket, and one event-source mapping per consumer with its batch settings and partial-failure
 * reporting.
 */
export const topicComponents = Object.fromEntries(
  Object.keys(topics).map((name) => [name, new sst.aws.SnsTopic(name)]),
) as Record<keyof typeof topics, sst.aws.SnsTopic>;

/** Dead-letter queues by the name of the queue they serve (monitoring alarms on their depth). */
export const deadLetterQueues: Partial<Record<QueueName, sst.aws.Queue>> = {};

export const queueComponents = Object.fromEntries(
  Object.entries(queues as Record<QueueName, QueueSpec>).map(([name, spec]) => {
    const deadLetter = spec.deadLetter ? new sst.aws.Queue(`${name}Dlq`, { visibilityTimeout: "60 seconds" }) : undefined;
    if (deadLetter) deadLetterQueues[name as QueueName] = deadLetter;
    const queue = new sst.aws.Queue(name, {
      visibilityTimeout: `${spec.visibilityTimeoutSeconds} seconds`,
      ...(deadLetter ? { dlq: { queue: deadLetter.arn, retry: spec.deadLetter!.maxReceiveCount } } : {}),
    });
    if (spec.subscription) {
      topicComponents[spec.subscription.topic].subscribeQueue(`${name}Subscription`, queue.arn, {
        filter: spec.subscription.filterPolicy,
        transform: {
          subscription: (args) => {
            // Consumers read the event itself, not SNS's envelope.
            args.rawMessageDelivery = true;
            return undefined;
          },
        },
      });
    }
    return [name, queue];
  }),
) as Record<QueueName, sst.aws.Queue>;

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

/** Everything a function may link, by manifest name. */
export const linkables = {
  Table: table,
  Idempotency: idempotencyTable,
  CursorSecret: cursorSecret,
  ApiKeyPepper: apiKeyPepper,
  UserPool: userPool,
  UserPoolClient: client,
  Email: email,
  ...topicComponents,
  ...queueComponents,
  ...streamComponents,
  ...bucketComponents,
} satisfies Record<Link, unknown>;

/** Stream mappings: batch size, window, bisect, bounded retries, failure destination, item failures. */
function streamMapping(spec: ConsumerSpec) {
  return (args: aws.lambda.EventSourceMappingArgs) => {
    args.batchSize = spec.batchSize;
    args.maximumBatchingWindowInSeconds = spec.batchingWindowSeconds ?? 0;
    args.startingPosition = spec.source.kind === "sqs" ? undefined : spec.source.startingPosition;
    args.bisectBatchOnFunctionError = spec.bisectOnError ?? false;
    args.maximumRetryAttempts = spec.maximumRetryAttempts ?? -1;
    args.functionResponseTypes = ["ReportBatchItemFailures"];
    if (spec.onFailure) args.destinationConfig = { onFailure: { destinationArn: queueComponents[spec.onFailure].arn } };
    return undefined;
  };
}

/** The stream consumers' subscriptions (monitoring alarms on their iterator age). */
export const streamSubscriptions: { name: string; functionName: $util.Output<string> }[] = [];

/**
 * Lambda sends a failed stream batch's description to the on-failure destination with the
 * function's own role: without this the mapping can't deliver it. SST's
 * subscribers already grant reading the source (stream, or queue receive and delete).
 */
function destinationPermissions(spec: ConsumerSpec) {
  return spec.onFailure ? [{ actions: ["sqs:SendMessage"], resources: [queueComponents[spec.onFailure].arn] }] : [];
}

export const consumerSubscriptions = Object.entries(consumers as Record<string, ConsumerSpec>).map(([name, spec]) => {
  const fn = functionArgs(spec, linkables, { permissions: destinationPermissions(spec) });
  const filters = spec.filters ? [...spec.filters] : undefined;
  switch (spec.source.kind) {
    case "dynamodb": {
      const subscription = table.subscribe(name, fn, { filters, transform: { eventSourceMapping: streamMapping(spec) } });
      streamSubscriptions.push({ name, functionName: subscription.nodes.function.name });
      return subscription;
    }
    case "kinesis": {
      const subscription = streamComponents[spec.source.stream].subscribe(name, fn, { filters, transform: { eventSourceMapping: streamMapping(spec) } });
      streamSubscriptions.push({ name, functionName: subscription.nodes.function.name });
      return subscription;
    }
    case "sqs":
      return queueComponents[spec.source.queue].subscribe(fn, {
        filters,
        batch: { size: spec.batchSize, window: `${spec.batchingWindowSeconds ?? 0} seconds`, partialResponses: true },
      });
  }
});

/** Product image uploads notify the image processor, which checks and attaches them. */
export const uploadNotifications = bucketComponents[uploads.bucket].notify({
  notifications: [
    {
      name: uploads.processor.name,
      function: functionArgs(uploads.processor, linkables),
      events: ["s3:ObjectCreated:*"],
      filterPrefix: uploads.prefix,
    },
  ],
});
