import { createHash, randomUUID } from "node:crypto";
import { newId } from "@emporium/core/ids";
import type { DynamoDBStreamEvent, KinesisStreamEvent, SQSEvent } from "aws-lambda";
import type { OrderEvent } from "@emporium/core/events";

/**
 * Consumer events written by hand after AWS's documentation of what Lambda delivers for
 * DynamoDB Streams, SQS and Kinesis, with every field Lambda sets.
 */
const REGION = "us-east-1";
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

export function orderEvent(overrides: { type?: OrderEvent["type"]; orderId?: string; userId?: string; status?: OrderEvent["data"]["status"]; productId?: string; quantity?: number; amount?: number; version?: number } = {}): OrderEvent {
  const orderId = overrides.orderId ?? newId();
  const quantity = overrides.quantity ?? 2;
  const amount = overrides.amount ?? 1500;
  return {
    type: overrides.type ?? "order.created",
    version: 1,
    id: `${orderId}:v${overrides.version ?? 1}`,
    occurredAt: "2026-11-21T10:00:00.000Z",
    data: {
      orderId,
      userId: overrides.userId ?? "00000000-0000-4000-8000-000000000001",
      status: overrides.status ?? "PENDING",
      total: { amount: amount * quantity, currency: "EUR" },
      createdAt: "2026-11-21T10:00:00.000Z",
      lines: [{ productId: overrides.productId ?? newId(), quantity, lineTotal: { amount: amount * quantity, currency: "EUR" } }],
    },
  };
}

export function sqsEvent(bodies: string[], queueName = "emporium-prod-FulfilmentQueue"): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: randomUUID(),
      receiptHandle: `AQEB${Buffer.from(randomUUID()).toString("base64")}`,
      body,
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: String(1795256142000 + i),
        SenderId: "AIDAIENQZJOLO23YVJ4VO",
        ApproximateFirstReceiveTimestamp: String(1795256142100 + i),
      },
      messageAttributes: {},
      md5OfBody: md5(body),
      eventSource: "aws:sqs",
      eventSourceARN: `arn:aws:sqs:${REGION}:123456789012:${queueName}`,
      awsRegion: REGION,
    })),
  };
}

export function kinesisEvent(payloads: string[]): KinesisStreamEvent {
  return {
    Records: payloads.map((payload, i) => {
      const sequenceNumber = `4959${String(i).padStart(52, "0")}`;
      return {
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: (JSON.parse(payload) as { data?: { orderId?: string } }).data?.orderId ?? "unknown",
          sequenceNumber,
          data: Buffer.from(payload).toString("base64"),
          approximateArrivalTimestamp: 1795256142.123 + i,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: "arn:aws:iam::123456789012:role/emporium-prod-SalesAnalyticsRole",
        awsRegion: REGION,
        eventSourceARN: `arn:aws:kinesis:${REGION}:123456789012:stream/emporium-prod-Analytics`,
      };
    }),
  };
}

type Image = Record<string, { S?: string; N?: string; M?: Image; L?: { M: Image }[] }>;

/** An order item as the table stream carries it (AttributeValue JSON). */
export function orderImage(event: OrderEvent, overrides: Partial<Record<string, unknown>> = {}): Image {
  const { data } = event;
  const money = (value: { amount: number; currency: string }) => ({ M: { amount: { N: String(value.amount) }, currency: { S: value.currency } } });
  return {
    pk: { S: `ORDER#${data.orderId}` },
    sk: { S: "ORDER" },
    id: { S: data.orderId },
    userId: { S: data.userId },
    status: { S: (overrides.status as string) ?? data.status },
    total: money(data.total),
    lineCount: { N: String(data.lines.length) },
    version: { N: String(overrides.version ?? 1) },
    createdAt: { S: data.createdAt },
    updatedAt: { S: event.occurredAt },
    lines: { L: data.lines.map((line) => ({ M: { productId: { S: line.productId }, quantity: { N: String(line.quantity) }, lineTotal: money(line.lineTotal) } })) },
  };
}

export function streamEvent(records: { eventName: "INSERT" | "MODIFY" | "REMOVE"; newImage?: Image; oldImage?: Image }[]): DynamoDBStreamEvent {
  return {
    Records: records.map((record, i) => {
      const keys = record.newImage ?? record.oldImage!;
      return {
        eventID: randomUUID().replaceAll("-", ""),
        eventName: record.eventName,
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: REGION,
        dynamodb: {
          ApproximateCreationDateTime: 1795256142,
          Keys: { pk: keys.pk!, sk: keys.sk! } as never,
          ...(record.newImage ? { NewImage: record.newImage as never } : {}),
          ...(record.oldImage ? { OldImage: record.oldImage as never } : {}),
          SequenceNumber: `${1000000000000000000000 + i}`,
          SizeBytes: 512,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
        eventSourceARN: `arn:aws:dynamodb:${REGION}:123456789012:table/emporium-prod-Table/stream/2026-11-01T00:00:00.000`,
      };
    }),
  };
}
