import type { FilterPattern } from "./filter";
import type { StartingPosition } from "./stream/source";

export type { FilterPattern } from "./filter";
export type { StartingPosition } from "./stream/source";

/** A DynamoDB table's stream. */
export interface DynamoDBStreamSettings {
  kind: "dynamodb";
  tableName: string;
  /** The stream's ARN as DynamoDB Local reports it; looked up with DescribeTable when absent. */
  streamArn?: string;
  startingPosition: StartingPosition;
}

/** A Kinesis data stream, every shard of it. */
export interface KinesisStreamSettings {
  kind: "kinesis";
  streamName: string;
  /** The stream's ARN; looked up with DescribeStreamSummary when absent. */
  streamArn?: string;
  startingPosition: StartingPosition;
}

/** An SQS queue. */
export interface SqsQueueSettings {
  kind: "sqs";
  queueUrl: string;
}

interface MappingBase {
  /** The consumer's name: the key of `stats()` and the log source (`esm:<name>`). */
  name: string;
  /** What `invoke` is called with. */
  functionName: string;
  /** Reported in on-failure records; `arn:aws:lambda:<region>:000000000000:function:<functionName>` by default. */
  functionArn?: string;
  /** Most records per invocation (SQS receives at most 10 a call and gathers up to this many). */
  batchSize: number;
  /** How long to gather records before invoking with fewer than `batchSize`; default 0. */
  batchingWindowSeconds?: number;
  /** Lambda FilterCriteria patterns, OR-ed; records matching none are dropped (queues: deleted). */
  filters?: readonly FilterPattern[];
}

/** DynamoDB Streams and Kinesis: ordered per shard, retried, bisected, sent on when given up. */
export interface StreamMapping extends MappingBase {
  source: DynamoDBStreamSettings | KinesisStreamSettings;
  bisectOnError?: boolean;
  /** Retries of a failing batch before it is given up; absent or -1: until the records expire. */
  maximumRetryAttempts?: number;
  /** The SQS queue that receives Lambda's on-failure record for each batch given up. */
  onFailureQueueUrl?: string;
}

/**
 * SQS: successes are deleted; failed messages come back after the queue's visibility timeout
 * and reach its dead-letter queue through the queue's own redrive policy.
 */
export interface QueueMapping extends MappingBase {
  source: SqsQueueSettings;
}

export type EventSourceMapping = StreamMapping | QueueMapping;

export interface EventSourcesOptions {
  /** The region functions believe they run in: `awsRegion` of every record, and the region in ARNs. */
  region: string;
  /** Emulator endpoints; only those of the kinds of source (and on-failure queues) in use are needed. */
  endpoints: { dynamodb?: string; kinesis?: string; sqs?: string };
  /** The emulators accept anything; these are passed explicitly so no SDK credential chain runs. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  mappings: readonly EventSourceMapping[];
  /** Runs a function; rejects when the handler throws or times out (FunctionHost.invoke). */
  invoke(functionName: string, event: unknown): Promise<unknown>;
  log(source: string, line: string): void;
  /**
   * How often an idle shard is polled. Default: Kinesis shards once a second, as Lambda reads
   * them; DynamoDB stream shards every 100 ms (Lambda: four times a second), which keeps a
   * local order's way to CONFIRMED short. A batching window counts from a record's arrival, so
   * this adds no wait to a window; with none, it is the most a record waits to be seen.
   */
  pollIntervalMs?: number;
  /** Stream checkpoints are kept in this file and resumed from on start; absent: kept in memory only. */
  checkpointFile?: string;
  /** Wait before the first retry of a failed stream batch, doubled for each further one (at most 5 s); default 250 ms. */
  retryDelayMs?: number;
}

export interface MappingStats {
  /** Invocations with a batch, including retries. */
  invocations: number;
  /** Records passed to the function, counted once per invocation they were in. */
  recordsDelivered: number;
  /** Records no filter pattern matched. */
  recordsFiltered: number;
  /** Invocations that failed wholly or reported item failures. */
  batchFailures: number;
  /** Records given up and reported to the on-failure destination (streams only). */
  sentToOnFailure: number;
  /**
   * SQS requests the poller made, each billed as one request on AWS (queues only): receives that
   * returned messages, receives that returned none (idle polling), and DeleteMessageBatch calls.
   */
  receives: number;
  emptyReceives: number;
  deleteBatches: number;
}

export interface EventSources {
  /** Stops polling; an invocation in flight is abandoned, not awaited. */
  stop(): Promise<void>;
  /** Counters per mapping, by mapping name. */
  stats(): Record<string, MappingStats>;
}
