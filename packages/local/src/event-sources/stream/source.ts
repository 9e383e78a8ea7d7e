/**
 * What the generic stream mapping needs from a stream service (DynamoDB Streams or Kinesis):
 * shards, iterators and records already shaped as Lambda delivers them. Everything about
 * batching, retries and checkpoints lives in the mapping, once for both.
 */

export type StartingPosition = "TRIM_HORIZON" | "LATEST";

export type IteratorPosition = { type: StartingPosition } | { type: "AFTER_SEQUENCE_NUMBER"; sequenceNumber: string };

export interface ShardInfo {
  id: string;
  /** Shards this one was split or merged from; they are read to their end first, for order. */
  parents: string[];
  /** No more records will arrive (it has an ending sequence number). */
  closed: boolean;
}

export interface StreamRecord {
  sequenceNumber: string;
  /** When the record reached the stream, for the on-failure record's batch info. */
  arrival: Date;
  /** The record as the function receives it. */
  lambda: unknown;
  /** What the mapping's filter patterns are matched against. */
  filterSubject: unknown;
}

export interface ReadResult {
  records: StreamRecord[];
  /** Absent once the shard is closed and read to its end. */
  next?: string;
}

export interface StreamSource {
  /** The stream's ARN as Lambda reports it (eventSourceARN, on-failure `streamArn`). */
  readonly arn: string;
  /** The key of the batch info in on-failure records. */
  readonly batchInfoKey: "DDBStreamBatchInfo" | "KinesisBatchInfo";
  /** How on-failure records write arrival times (DynamoDB: whole seconds; Kinesis: milliseconds). */
  formatArrival(date: Date): string;
  listShards(signal: AbortSignal): Promise<ShardInfo[]>;
  iterator(shardId: string, position: IteratorPosition, signal: AbortSignal): Promise<string>;
  read(shardId: string, iterator: string, limit: number, signal: AbortSignal): Promise<ReadResult>;
}
