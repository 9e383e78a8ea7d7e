import type { Message, MessageAttributeValue } from "@aws-sdk/client-sqs";

/** A message attribute as Lambda's SQSEvent carries it (camelCase, binary as base64, lists always present). */
export interface SQSMessageAttributeJson {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** The system attributes Lambda passes on; SQS always returns the first four when asked for All. */
export interface SQSRecordAttributesJson {
  ApproximateReceiveCount: string;
  SentTimestamp: string;
  SenderId: string;
  ApproximateFirstReceiveTimestamp: string;
  AWSTraceHeader?: string;
  SequenceNumber?: string;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
  DeadLetterQueueSourceArn?: string;
}

/** One record of Lambda's SQSEvent, field for field. */
export interface SQSRecordJson {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: SQSRecordAttributesJson;
  messageAttributes: Record<string, SQSMessageAttributeJson>;
  md5OfMessageAttributes?: string;
  md5OfBody: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

/** In the order Lambda writes them. */
const ATTRIBUTES: readonly (keyof SQSRecordAttributesJson)[] = [
  "ApproximateReceiveCount",
  "AWSTraceHeader",
  "SentTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "SenderId",
  "MessageDeduplicationId",
  "ApproximateFirstReceiveTimestamp",
  "DeadLetterQueueSourceArn",
];

/**
 * Turns a message of the SDK's ReceiveMessage output (asked for with every attribute) into the
 * JSON Lambda delivers. `queueArn` comes from GetQueueAttributes: a queue URL's shape is the
 * emulator's business, so it is never parsed for the ARN.
 */
export function toLambdaSQSRecord(message: Message, queueArn: string, region: string): SQSRecordJson {
  const received = message.Attributes ?? {};
  const attributes = Object.fromEntries(
    ATTRIBUTES.flatMap((name) => (received[name] === undefined ? [] : [[name, received[name]]])),
  ) as unknown as SQSRecordAttributesJson;
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes,
    messageAttributes: Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toAttribute(value)])),
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function toAttribute(value: MessageAttributeValue): SQSMessageAttributeJson {
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString("base64") } : {}),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map((bytes) => Buffer.from(bytes).toString("base64")),
    dataType: value.DataType ?? "String",
  };
}
