import type { Attempt } from "../batch-result";
import type { Segment } from "./delivery";
import type { StreamSource } from "./source";

/** Where the batch sat in the stream; the records themselves are not included, as on AWS. */
export interface StreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string;
  approximateArrivalOfLastRecord: string;
  batchSize: number;
  streamArn: string;
}

/** The JSON Lambda sends to a stream mapping's on-failure destination when a batch's retries are spent. */
export interface StreamOnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: "RetryAttemptsExhausted";
    approximateInvokeCount: number;
  };
  responseContext: {
    statusCode: number;
    executedVersion: string;
    /** Present when the function threw or timed out; absent when it reported item failures. */
    functionError?: string;
  };
  version: "1.0";
  timestamp: string;
  DDBStreamBatchInfo?: StreamBatchInfo;
  KinesisBatchInfo?: StreamBatchInfo;
}

export function onFailureRecord(
  source: StreamSource,
  shardId: string,
  functionArn: string,
  segment: Segment,
  last: Attempt,
  now = new Date(),
): StreamOnFailureRecord {
  const first = segment.records[0]!;
  const final = segment.records.at(-1)!;
  const functionError = last.result.status === "failed" ? last.result.functionError : undefined;
  return {
    requestContext: {
      requestId: last.requestId,
      functionArn,
      condition: "RetryAttemptsExhausted",
      approximateInvokeCount: segment.invocations,
    },
    // The invocation itself succeeded (200); the function's failure is in functionError.
    responseContext: { statusCode: 200, executedVersion: "$LATEST", ...(functionError ? { functionError } : {}) },
    version: "1.0",
    timestamp: now.toISOString(),
    [source.batchInfoKey]: {
      shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: final.sequenceNumber,
      approximateArrivalOfFirstRecord: source.formatArrival(first.arrival),
      approximateArrivalOfLastRecord: source.formatArrival(final.arrival),
      batchSize: segment.records.length,
      streamArn: source.arn,
    },
  };
}
