/**
 * The event pipeline: the table's stream feeds a processor that publishes order events to an
 * SNS topic and to a Kinesis stream; SQS queues subscribed to the topic feed the fulfilment and
 * notification consumers; the Kinesis stream feeds sales analytics; an export queue feeds the
 * export worker. `infra/events.ts` and `infra/consumers.ts` deploy it; `packages/local`
 * provisions the emulators and runs the event-source mappings from the same data.
 */
import { fn, type FunctionSpec } from "./functions";

/** SNS topics. Messages carry `type` and `status` message attributes for filter policies. */
export const topics = {
  OrderEvents: {},
} as const;
export type TopicName = keyof typeof topics;

/** A queue's dead-letter queue (`<Queue>Dlq`): where a message goes once its consumer gave up on it. */
export interface DeadLetterSpec {
  /**
   * Failed receives before a message moves to the dead-letter queue. At least 5 for a queue
   * feeding Lambda: the poller's receives can fail without the function failing (e.g. a
   * throttled invoke), and each one counts.
   */
  maxReceiveCount: number;
  /** Nothing consumes a dead-letter queue; this is how long a redrive tool's receive hides a message. */
  visibilityTimeoutSeconds: number;
  /**
   * How long a parked message waits to be looked at and redriven. A standard queue's message
   * keeps its first enqueue time when it is dead-lettered, so this counts from when it was sent.
   */
  retentionSeconds: number;
}

export interface QueueSpec {
  /** Must be at least the consuming function's timeout (Lambda requires it). */
  visibilityTimeoutSeconds: number;
  deadLetter?: DeadLetterSpec;
  /** Subscribe the queue to a topic, with raw delivery (the body is the event itself). */
  subscription?: { topic: TopicName; filterPolicy: Record<string, readonly string[]> };
}

/** Every consumer queue's dead-letter settings: 5 receives, then 14 days (SQS's longest) to redrive. */
const deadLetter = { maxReceiveCount: 5, visibilityTimeoutSeconds: 60, retentionSeconds: 14 * 24 * 3600 } as const satisfies DeadLetterSpec;

export const queues = {
  FulfilmentQueue: {
    visibilityTimeoutSeconds: 60,
    deadLetter,
    subscription: { topic: "OrderEvents", filterPolicy: { type: ["order.created"] } },
  },
  NotificationsQueue: {
    visibilityTimeoutSeconds: 60,
    deadLetter,
    subscription: { topic: "OrderEvents", filterPolicy: { type: ["order.created", "order.status_changed"] } },
  },
  ExportsQueue: { visibilityTimeoutSeconds: 180, deadLetter },
  /** Where the stream processor's batches go once their retries are spent (Lambda on-failure destination). */
  OrderEventsFailures: { visibilityTimeoutSeconds: 60 },
  /** The same for sales analytics: batches of the Analytics stream it gave up on, to be replayed from the stream. */
  SalesAnalyticsFailures: { visibilityTimeoutSeconds: 60 },
  /** Upload notifications the image processor failed on three times (its asynchronous on-failure destination). */
  ImageProcessorFailures: { visibilityTimeoutSeconds: 60 },
} as const satisfies Record<string, QueueSpec>;
export type QueueName = keyof typeof queues;

/** Kinesis data streams. */
export const kinesisStreams = {
  Analytics: { shardCount: 1 },
} as const;

/**
 * A bucket's CORS rule (one per bucket, as sst.aws.Bucket takes it), as S3 evaluates it: a
 * request from a browser on another origin is allowed when its origin, method and headers match.
 */
export interface BucketCorsRule {
  allowOrigins: readonly string[];
  allowMethods: readonly ("DELETE" | "GET" | "HEAD" | "POST" | "PUT")[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/** S3 buckets. */
export const buckets = {
  Exports: {},
  /**
   * Product images, uploaded by admins straight to S3 with presigned URLs: the web app PUTs
   * from its own origin, so the bucket answers that PUT's preflight. Any origin may: the
   * presigned URL (signed, short-lived, bound to type and size) is what authorizes an upload.
   */
  Uploads: {
    cors: { allowOrigins: ["*"], allowMethods: ["PUT"], allowHeaders: ["content-type"], exposeHeaders: ["ETag"], maxAgeSeconds: 3600 },
  },
} as const satisfies Record<string, { cors?: BucketCorsRule }>;

/**
 * Objects created under `prefix` in the uploads bucket notify the image processor (S3 event
 * notification), which checks each upload and attaches it to its product or deletes it. S3
 * invokes it asynchronously: Lambda tries an event three times (the first and two retries),
 * then sends the invocation record, event included, to `onFailure`.
 */
export const uploads = {
  bucket: "Uploads",
  prefix: "uploads/",
  processor: { name: "ImageProcessor", handler: fn("uploads/process-image"), links: ["Table", "Uploads"] },
  maximumRetryAttempts: 2,
  onFailure: "ImageProcessorFailures",
} as const satisfies { bucket: keyof typeof buckets; prefix: string; processor: FunctionSpec; maximumRetryAttempts: number; onFailure: QueueName };

export type EventSource =
  | { kind: "dynamodb"; table: "Table"; startingPosition: "TRIM_HORIZON" | "LATEST" }
  | { kind: "kinesis"; stream: keyof typeof kinesisStreams; startingPosition: "TRIM_HORIZON" | "LATEST" }
  | { kind: "sqs"; queue: QueueName };

/**
 * A function fed by an event-source mapping. Every consumer reports partial batch failures
 * (`ReportBatchItemFailures`). Stream sources also retry a failing batch up to
 * `maximumRetryAttempts` times, split it in two on each error when `bisectOnError`, then send
 * it to `onFailure`.
 */
export interface ConsumerSpec extends FunctionSpec {
  source: EventSource;
  batchSize: number;
  batchingWindowSeconds?: number;
  /** Lambda event filtering: a record is delivered when it matches any of these patterns. */
  filters?: readonly Record<string, unknown>[];
  bisectOnError?: boolean;
  maximumRetryAttempts?: number;
  onFailure?: QueueName;
}

export const consumers = {
  OrderEventsProcessor: {
    name: "OrderEventsProcessor",
    handler: fn("consumers/order-events"),
    links: ["OrderEvents", "Analytics"],
    source: { kind: "dynamodb", table: "Table", startingPosition: "TRIM_HORIZON" },
    // A full batch costs about what one record does (ten PublishBatch calls at once, one packed
    // Kinesis record), so a larger batch is more records per invocation, on AWS as offline.
    batchSize: 100,
    batchingWindowSeconds: 1,
    // Only order items (not lines, products, buckets…) reach the processor.
    filters: [{ dynamodb: { Keys: { sk: { S: ["ORDER"] } } } }],
    bisectOnError: true,
    maximumRetryAttempts: 3,
    onFailure: "OrderEventsFailures",
    memory: "128 MB",
  },
  Fulfilment: {
    name: "Fulfilment",
    handler: fn("consumers/fulfilment"),
    links: ["Table"],
    settings: ["PAYMENT_PROVIDER"],
    source: { kind: "sqs", queue: "FulfilmentQueue" },
    batchSize: 10,
    memory: "256 MB",
  },
  Notifications: {
    name: "Notifications",
    handler: fn("consumers/notifications"),
    links: ["Table", "Email"],
    source: { kind: "sqs", queue: "NotificationsQueue" },
    batchSize: 10,
    memory: "128 MB",
  },
  SalesAnalytics: {
    name: "SalesAnalytics",
    handler: fn("consumers/sales-analytics"),
    links: ["Table"],
    source: { kind: "kinesis", stream: "Analytics", startingPosition: "TRIM_HORIZON" },
    batchSize: 100,
    batchingWindowSeconds: 1,
    bisectOnError: true,
    maximumRetryAttempts: 5,
    onFailure: "SalesAnalyticsFailures",
    memory: "128 MB",
  },
  OrderExports: {
    name: "OrderExports",
    handler: fn("consumers/order-exports"),
    links: ["Table", "Exports"],
    source: { kind: "sqs", queue: "ExportsQueue" },
    batchSize: 1,
    timeout: "60 seconds",
  },
} as const satisfies Record<string, ConsumerSpec>;

/**
 * Functions run on a schedule (EventBridge; `sst.aws.Cron` in infra/schedules.ts). The offline
 * runtime fires them on the same expression. `schedule` is EventBridge's syntax: `rate(5
 * minutes)` or `cron(minutes hours day-of-month month day-of-week year)`.
 */
export interface ScheduleSpec extends FunctionSpec {
  schedule: `rate(${string})` | `cron(${string})`;
}

export const schedules = {
  /** Gives back the stock of orders still PENDING after the hold (see core/orders/lifecycle.ts). */
  ExpirePendingOrders: {
    name: "ExpirePendingOrders",
    handler: fn("schedules/expire-orders"),
    links: ["Table"],
    settings: ["ORDER_HOLD_MINUTES"],
    schedule: "rate(1 minute)",
    timeout: "60 seconds",
    memory: "128 MB",
  },
} as const satisfies Record<string, ScheduleSpec>;
export type ScheduleName = keyof typeof schedules;
