import { DescribeTableCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import { awsStreamArn, toLambdaDynamoDBRecord } from "./dynamodb-record";
import type { IteratorPosition, ShardInfo, StreamSource } from "./stream/source";

/**
 * A DynamoDB table's stream as a stream source. DynamoDB Local keeps one shard per stream and
 * never rolls it over, but shards are listed and followed as on AWS all the same.
 */
export class DynamoDBStreamSource implements StreamSource {
  readonly batchInfoKey = "DDBStreamBatchInfo";
  readonly arn: string;

  private constructor(
    private readonly streams: DynamoDBStreamsClient,
    /** The ARN DynamoDB Local answers to (`ddblocal` region); `arn` is the AWS-shaped one. */
    private readonly localArn: string,
    private readonly region: string,
  ) {
    this.arn = awsStreamArn(localArn, region);
  }

  static async open(
    dynamodb: DynamoDBClient,
    streams: DynamoDBStreamsClient,
    source: { tableName: string; streamArn?: string },
    region: string,
    signal: AbortSignal,
  ): Promise<DynamoDBStreamSource> {
    let streamArn = source.streamArn;
    if (!streamArn) {
      const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: source.tableName }), { abortSignal: signal });
      streamArn = Table?.LatestStreamArn;
      if (!streamArn) throw new Error(`table ${source.tableName} has no stream`);
    }
    return new DynamoDBStreamSource(streams, streamArn, region);
  }

  /** DynamoDB's stream records carry creation times in whole seconds, and its on-failure records say so. */
  formatArrival(date: Date): string {
    return date.toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  async listShards(signal: AbortSignal): Promise<ShardInfo[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.localArn, ExclusiveStartShardId: exclusiveStartShardId }),
        { abortSignal: signal },
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards.map((shard) => ({
      id: shard.ShardId!,
      parents: shard.ParentShardId ? [shard.ParentShardId] : [],
      closed: Boolean(shard.SequenceNumberRange?.EndingSequenceNumber),
    }));
  }

  async iterator(shardId: string, position: IteratorPosition, signal: AbortSignal): Promise<string> {
    const { ShardIterator } = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.localArn,
        ShardId: shardId,
        ShardIteratorType: position.type,
        SequenceNumber: position.type === "AFTER_SEQUENCE_NUMBER" ? position.sequenceNumber : undefined,
      }),
      { abortSignal: signal },
    );
    return ShardIterator!;
  }

  async read(_shardId: string, iterator: string, limit: number, signal: AbortSignal) {
    const { Records = [], NextShardIterator } = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), {
      abortSignal: signal,
    });
    const records = Records.map((record) => {
      const lambda = toLambdaDynamoDBRecord(record, this.localArn, this.region);
      return {
        sequenceNumber: lambda.dynamodb.SequenceNumber,
        arrival: record.dynamodb?.ApproximateCreationDateTime ?? new Date(),
        lambda,
        filterSubject: lambda,
      };
    });
    return { records, next: NextShardIterator };
  }
}
