import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
} from "@aws-sdk/client-kinesis";
import { kinesisFilterSubject } from "./filter-subject";
import { toLambdaKinesisRecord } from "./kinesis-record";
import type { IteratorPosition, ShardInfo, StreamSource } from "./stream/source";

/**
 * A Kinesis data stream as a stream source. The client must speak HTTP/1.1 (NodeHttpHandler):
 * kinesis-local fails a few percent of HTTP/2 calls.
 */
export class KinesisStreamSource implements StreamSource {
  readonly batchInfoKey = "KinesisBatchInfo";

  private constructor(
    private readonly kinesis: KinesisClient,
    private readonly streamName: string,
    readonly arn: string,
    private readonly region: string,
    private readonly invokeIdentityArn: string,
  ) {}

  static async open(
    kinesis: KinesisClient,
    source: { streamName: string; streamArn?: string },
    region: string,
    invokeIdentityArn: string,
    signal: AbortSignal,
  ): Promise<KinesisStreamSource> {
    let arn = source.streamArn;
    if (!arn) {
      const { StreamDescriptionSummary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: source.streamName }), { abortSignal: signal });
      arn = StreamDescriptionSummary?.StreamARN;
      if (!arn) throw new Error(`Kinesis stream ${source.streamName} has no ARN`);
    }
    return new KinesisStreamSource(kinesis, source.streamName, arn, region, invokeIdentityArn);
  }

  formatArrival(date: Date): string {
    return date.toISOString();
  }

  async listShards(signal: AbortSignal): Promise<ShardInfo[]> {
    const shards: Shard[] = [];
    let nextToken: string | undefined;
    do {
      // ListShards refuses StreamName together with NextToken.
      const page = await this.kinesis.send(new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: this.streamName }), {
        abortSignal: signal,
      });
      shards.push(...(page.Shards ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return shards.map((shard) => ({
      id: shard.ShardId!,
      parents: [shard.ParentShardId, shard.AdjacentParentShardId].filter((id): id is string => Boolean(id)),
      closed: Boolean(shard.SequenceNumberRange?.EndingSequenceNumber),
    }));
  }

  async iterator(shardId: string, position: IteratorPosition, signal: AbortSignal): Promise<string> {
    const { ShardIterator } = await this.kinesis.send(
      new GetShardIteratorCommand({
        StreamName: this.streamName,
        ShardId: shardId,
        ShardIteratorType: position.type,
        StartingSequenceNumber: position.type === "AFTER_SEQUENCE_NUMBER" ? position.sequenceNumber : undefined,
      }),
      { abortSignal: signal },
    );
    return ShardIterator!;
  }

  async read(shardId: string, iterator: string, limit: number, signal: AbortSignal) {
    const { Records = [], NextShardIterator } = await this.kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }), {
      abortSignal: signal,
    });
    const context = { shardId, streamArn: this.arn, region: this.region, invokeIdentityArn: this.invokeIdentityArn };
    const records = Records.map((record) => {
      const lambda = toLambdaKinesisRecord(record, context);
      return {
        sequenceNumber: lambda.kinesis.sequenceNumber,
        arrival: record.ApproximateArrivalTimestamp ?? new Date(),
        lambda,
        filterSubject: kinesisFilterSubject(lambda),
      };
    });
    return { records, next: NextShardIterator };
  }
}
