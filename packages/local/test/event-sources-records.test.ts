import type { _Record as DynamoDBSdkRecord } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { readResponse } from "../src/event-sources/batch-result";
import { awsStreamArn, toLambdaDynamoDBRecord } from "../src/event-sources/dynamodb-record";
import { toLambdaKinesisRecord } from "../src/event-sources/kinesis-record";
import { toLambdaSQSRecord } from "../src/event-sources/sqs-record";

const localArn = "arn:aws:dynamodb:ddblocal:000000000000:table/orders/stream/2026-01-02T03:04:05.678";

/** A MODIFY record exactly as the SDK returns it from DynamoDB Local (dates parsed, binary as bytes). */
const modify: DynamoDBSdkRecord = {
  eventID: "6c0a9d33-5f0c-49d4-9149-694d7a3435b4",
  eventName: "MODIFY",
  eventVersion: "1.1",
  eventSource: "aws:dynamodb",
  awsRegion: "ddblocal",
  dynamodb: {
    ApproximateCreationDateTime: new Date("2026-01-02T03:04:00.000Z"),
    Keys: { pk: { S: "ORDER#1" }, sk: { S: "ORDER" } },
    NewImage: {
      pk: { S: "ORDER#1" },
      sk: { S: "ORDER" },
      total: { N: "1250" },
      blob: { B: new Uint8Array([1, 2, 3]) },
      blobs: { BS: [new Uint8Array([255]), new Uint8Array([0, 1])] },
      tags: { SS: ["a", "b"] },
      sizes: { NS: ["1", "2"] },
      meta: { M: { paid: { BOOL: true }, gone: { NULL: true }, raw: { B: new Uint8Array([104, 105]) } } },
      lines: { L: [{ S: "x" }, { B: new Uint8Array([7]) }] },
    },
    OldImage: { pk: { S: "ORDER#1" }, sk: { S: "ORDER" }, total: { N: "1000" } },
    SequenceNumber: "000000000000000000002",
    SizeBytes: 59,
    StreamViewType: "NEW_AND_OLD_IMAGES",
  },
};

describe("DynamoDB stream records", () => {
  it("come out as Lambda's JSON: region and ARN rewritten, epoch seconds, base64 binary", () => {
    const record = toLambdaDynamoDBRecord(modify, localArn, "eu-west-1");
    expect(record).toEqual({
      eventID: "6c0a9d33-5f0c-49d4-9149-694d7a3435b4",
      eventName: "MODIFY",
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: "eu-west-1",
      dynamodb: {
        ApproximateCreationDateTime: 1767323040,
        Keys: { pk: { S: "ORDER#1" }, sk: { S: "ORDER" } },
        NewImage: {
          pk: { S: "ORDER#1" },
          sk: { S: "ORDER" },
          total: { N: "1250" },
          blob: { B: "AQID" },
          blobs: { BS: ["/w==", "AAE="] },
          tags: { SS: ["a", "b"] },
          sizes: { NS: ["1", "2"] },
          meta: { M: { paid: { BOOL: true }, gone: { NULL: true }, raw: { B: "aGk=" } } },
          lines: { L: [{ S: "x" }, { B: "Bw==" }] },
        },
        OldImage: { pk: { S: "ORDER#1" }, sk: { S: "ORDER" }, total: { N: "1000" } },
        SequenceNumber: "000000000000000000002",
        SizeBytes: 59,
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
      eventSourceARN: "arn:aws:dynamodb:eu-west-1:000000000000:table/orders/stream/2026-01-02T03:04:05.678",
    });
    // The handlers' own types (@types/aws-lambda) accept it as it is.
    const typed: DynamoDBRecord = record;
    expect(typed.dynamodb?.NewImage?.blob?.B).toBe("AQID");
    // It is plain JSON: what the function receives after serialisation is the same object.
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(typeof record.dynamodb.ApproximateCreationDateTime).toBe("number");
  });

  it("turn TTL deletions into REMOVE by the DynamoDB service, as on AWS", () => {
    const expired = {
      ...modify,
      eventName: "UNKNOWN_TO_SDK_VERSION",
      dynamodb: { ...modify.dynamodb, NewImage: undefined, SequenceNumber: "000000000000000000009" },
    } as unknown as DynamoDBSdkRecord;
    const record = toLambdaDynamoDBRecord(expired, localArn, "eu-west-1");
    expect(record.eventName).toBe("REMOVE");
    expect(record.userIdentity).toEqual({ type: "Service", principalId: "dynamodb.amazonaws.com" });
    expect(record.dynamodb).not.toHaveProperty("NewImage");
    expect(record.dynamodb.OldImage).toBeDefined();
  });

  it("keep empty maps, which the streams client hands over as values with no members", () => {
    const withEmptyMap = { ...modify, dynamodb: { ...modify.dynamodb, NewImage: { pk: { S: "EXPORT#1" }, filter: {}, nested: { M: { inner: {} } } } } } as unknown as DynamoDBSdkRecord;
    const record = toLambdaDynamoDBRecord(withEmptyMap, localArn, "eu-west-1");
    expect(record.dynamodb.NewImage).toEqual({ pk: { S: "EXPORT#1" }, filter: { M: {} }, nested: { M: { inner: { M: {} } } } });
  });

  it("leave user deletions without a userIdentity and keep an AWS region as it is", () => {
    const removed = toLambdaDynamoDBRecord({ ...modify, eventName: "REMOVE", awsRegion: "us-west-2" }, localArn, "eu-west-1");
    expect(removed.eventName).toBe("REMOVE");
    expect(removed).not.toHaveProperty("userIdentity");
    expect(removed.awsRegion).toBe("us-west-2");
  });

  it("rewrite only DynamoDB Local's region in stream ARNs", () => {
    expect(awsStreamArn(localArn, "us-east-1")).toBe("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-02T03:04:05.678");
    const aws = "arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/x";
    expect(awsStreamArn(aws, "us-east-1")).toBe(aws);
  });
});

describe("Kinesis records", () => {
  it("come out as Lambda's KinesisStreamEvent record", () => {
    const record: KinesisStreamRecord = toLambdaKinesisRecord(
      {
        SequenceNumber: "49680441216028439607289194850604605081843307105790984194",
        Data: new Uint8Array([123, 34, 105, 34, 58, 48, 125]),
        ApproximateArrivalTimestamp: new Date("2026-11-21T22:01:35.519Z"),
        PartitionKey: "p0",
      },
      {
        shardId: "shardId-000000000000",
        streamArn: "arn:aws:kinesis:eu-west-1:000000000000:stream/s",
        region: "eu-west-1",
        invokeIdentityArn: "arn:aws:iam::000000000000:role/Fn-role",
      },
    );
    expect(record).toEqual({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: "p0",
        sequenceNumber: "49680441216028439607289194850604605081843307105790984194",
        data: Buffer.from('{"i":0}').toString("base64"),
        approximateArrivalTimestamp: 1795298495.519,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: "shardId-000000000000:49680441216028439607289194850604605081843307105790984194",
      eventName: "aws:kinesis:record",
      invokeIdentityArn: "arn:aws:iam::000000000000:role/Fn-role",
      awsRegion: "eu-west-1",
      eventSourceARN: "arn:aws:kinesis:eu-west-1:000000000000:stream/s",
    });
  });
});

describe("SQS records", () => {
  it("come out as Lambda's SQSEvent record, attributes in Lambda's shape", () => {
    const record: SQSRecord = toLambdaSQSRecord(
      {
        MessageId: "25b10aad-d9ad-499a-b478-a0420ab76f79",
        ReceiptHandle: "187acc6e",
        MD5OfBody: "bb6cb5c68df4652941caf652a366f2d8",
        Body: '{"a":1}',
        Attributes: {
          SenderId: "000000000000",
          SentTimestamp: "1795298534638",
          ApproximateReceiveCount: "1",
          ApproximateFirstReceiveTimestamp: "1795298534648",
          MessageGroupId: "g",
        },
        MD5OfMessageAttributes: "b9e5ec714c866cc550883564710413e2",
        MessageAttributes: {
          s: { DataType: "String", StringValue: "x" },
          b: { DataType: "Binary", BinaryValue: new Uint8Array([1, 2]) },
        },
      },
      "arn:aws:sqs:eu-west-1:000000000000:q",
      "eu-west-1",
    );
    expect(record).toEqual({
      messageId: "25b10aad-d9ad-499a-b478-a0420ab76f79",
      receiptHandle: "187acc6e",
      body: '{"a":1}',
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: "1795298534638",
        MessageGroupId: "g",
        SenderId: "000000000000",
        ApproximateFirstReceiveTimestamp: "1795298534648",
      },
      messageAttributes: {
        s: { stringValue: "x", stringListValues: [], binaryListValues: [], dataType: "String" },
        b: { binaryValue: "AQI=", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
      md5OfMessageAttributes: "b9e5ec714c866cc550883564710413e2",
      md5OfBody: "bb6cb5c68df4652941caf652a366f2d8",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-west-1:000000000000:q",
      awsRegion: "eu-west-1",
    });
  });

  it("leave md5OfMessageAttributes out when the message has no attributes", () => {
    const record = toLambdaSQSRecord({ MessageId: "m", ReceiptHandle: "r", Body: "x", MD5OfBody: "y" }, "arn", "us-east-1");
    expect(record).not.toHaveProperty("md5OfMessageAttributes");
    expect(record.messageAttributes).toEqual({});
  });
});

describe("reading a function's answer (ReportBatchItemFailures)", () => {
  const ids = new Set(["1", "2", "3"]);

  it("treats no list, null and [] as success", () => {
    for (const response of [undefined, null, "ok", {}, { statusCode: 200 }, { batchItemFailures: null }, { batchItemFailures: [] }]) {
      expect(readResponse(response, ids)).toEqual({ status: "success" });
    }
  });

  it("names the failed items", () => {
    expect(readResponse({ batchItemFailures: [{ itemIdentifier: "3" }, { itemIdentifier: "2" }] }, ids)).toEqual({ status: "partial", failed: ["3", "2"] });
  });

  it("fails the whole batch for an empty, missing or unknown identifier, or a list that is not one", () => {
    for (const failures of [[{ itemIdentifier: "" }], [{ itemIdentifier: "9" }], [{}], [null], [{ itemIdentifier: 2 }], "2"]) {
      expect(readResponse({ batchItemFailures: failures }, ids)).toMatchObject({ status: "failed" });
    }
  });
});
