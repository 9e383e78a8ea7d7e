import type { _Record as SdkRecord } from "@aws-sdk/client-kinesis";

/** One record of Lambda's KinesisStreamEvent, field for field. */
export interface KinesisStreamRecordJson {
  kinesis: {
    kinesisSchemaVersion: "1.0";
    partitionKey: string;
    sequenceNumber: string;
    /** The record's bytes, base64. */
    data: string;
    /** Epoch seconds with milliseconds, as Lambda writes it. */
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: "1.0";
  eventID: string;
  eventName: "aws:kinesis:record";
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisRecordContext {
  shardId: string;
  streamArn: string;
  region: string;
  /** The execution role Lambda reads the stream with; locally a stand-in. */
  invokeIdentityArn: string;
}

/** Turns a record of the SDK's GetRecords output into the JSON Lambda delivers. */
export function toLambdaKinesisRecord(record: SdkRecord, context: KinesisRecordContext): KinesisStreamRecordJson {
  const sequenceNumber = record.SequenceNumber ?? "";
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: record.PartitionKey ?? "",
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString("base64"),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${context.shardId}:${sequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: context.invokeIdentityArn,
    awsRegion: context.region,
    eventSourceARN: context.streamArn,
  };
}
