import type { _Record as SdkRecord, AttributeValue, StreamViewType } from "@aws-sdk/client-dynamodb-streams";

/** An attribute value as Lambda's JSON carries it: binary as base64, everything else as DynamoDB's wire format. */
export type AttributeValueJson =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValueJson> }
  | { L: AttributeValueJson[] }
  | { NULL: true }
  | { BOOL: boolean };

type Image = Record<string, AttributeValueJson>;

/** One record of Lambda's DynamoDBStreamEvent, field for field. */
export interface DynamoDBStreamRecordJson {
  eventID: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  eventVersion: string;
  eventSource: "aws:dynamodb";
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys?: Image;
    NewImage?: Image;
    OldImage?: Image;
    SequenceNumber: string;
    SizeBytes?: number;
    StreamViewType?: StreamViewType;
  };
  userIdentity?: { type: string; principalId: string };
  eventSourceARN: string;
}

/** DynamoDB Local names its region `ddblocal`, in records and in ARNs alike. */
const LOCAL_REGION = "ddblocal";

/** A DynamoDB Local stream ARN as it would read on AWS in `region`. */
export function awsStreamArn(localArn: string, region: string): string {
  return localArn.replace(`:dynamodb:${LOCAL_REGION}:`, `:dynamodb:${region}:`);
}

/** How DynamoDB reports deletions done by TTL, which DynamoDB Local leaves out. */
const TTL_IDENTITY = { type: "Service", principalId: "dynamodb.amazonaws.com" };

/**
 * Turns a record of the SDK's GetRecords output (from DynamoDB Local) into the JSON Lambda
 * delivers. The SDK parses what Lambda passes through verbatim (dates into `Date`, binary into
 * `Uint8Array`), and DynamoDB Local differs from AWS in region, ARN and TTL deletions:
 * - `awsRegion` `ddblocal` becomes `region`, and the stream ARN is rewritten the same way;
 * - `eventSourceARN`, absent from DynamoDB Local's records, is added;
 * - `ApproximateCreationDateTime` goes back to epoch seconds, binary values back to base64;
 * - TTL deletions (eventName `UNKNOWN_TO_SDK_VERSION`) become `REMOVE` by the DynamoDB service.
 */
export function toLambdaDynamoDBRecord(record: SdkRecord, streamArn: string, region: string): DynamoDBStreamRecordJson {
  const stream = record.dynamodb ?? {};
  const expired = (record.eventName as string | undefined) === "UNKNOWN_TO_SDK_VERSION";
  const userIdentity = expired
    ? TTL_IDENTITY
    : record.userIdentity?.Type
      ? { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId ?? "" }
      : undefined;
  // Lambda's order of keys, with absent ones left out rather than null.
  const dynamodb: DynamoDBStreamRecordJson["dynamodb"] = {
    ...(stream.ApproximateCreationDateTime ? { ApproximateCreationDateTime: stream.ApproximateCreationDateTime.getTime() / 1000 } : {}),
    ...(stream.Keys ? { Keys: toImage(stream.Keys) } : {}),
    ...(stream.NewImage ? { NewImage: toImage(stream.NewImage) } : {}),
    ...(stream.OldImage ? { OldImage: toImage(stream.OldImage) } : {}),
    SequenceNumber: stream.SequenceNumber ?? "",
    ...(stream.SizeBytes !== undefined ? { SizeBytes: stream.SizeBytes } : {}),
    ...(stream.StreamViewType ? { StreamViewType: stream.StreamViewType } : {}),
  };
  return {
    eventID: record.eventID ?? "",
    eventName: expired ? "REMOVE" : (record.eventName ?? "MODIFY"),
    eventVersion: record.eventVersion ?? "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: record.awsRegion === LOCAL_REGION || !record.awsRegion ? region : record.awsRegion,
    dynamodb,
    ...(userIdentity ? { userIdentity } : {}),
    eventSourceARN: awsStreamArn(streamArn, region),
  };
}

function toImage(image: Record<string, AttributeValue>): Image {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toJson(value)]));
}

function toJson(value: AttributeValue): AttributeValueJson {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toJson) };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  // The streams client deserializes an empty map (`{"M": {}}` on the wire) to a value with no
  // members at all; nothing else comes out empty.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(",")}`);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}
