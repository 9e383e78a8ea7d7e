import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { PublishBatchCommand } from "@aws-sdk/client-sns";
import { Resource } from "sst";
import { kinesis, sns } from "../aws/clients";
import type { OrderEvent } from "./contract";
import { MAX_STREAM_RECORD_BYTES, packForStream, type StreamRecord } from "./stream-records";

/** The services' limits per call: SNS PublishBatch takes 10 entries, Kinesis PutRecords 5 MiB in 500 records. */
const SNS_BATCH = 10;
const KINESIS_RECORDS_PER_CALL = Math.min(500, Math.floor((5 * 1024 * 1024) / MAX_STREAM_RECORD_BYTES));

/**
 * Publishes events to the order-events topic, with `type` and `status` message attributes for
 * subscription filter policies, and to the analytics stream, packed several to a record (see
 * stream-records.ts). Batched: one PublishBatch per 10 events and one PutRecords for a
 * processor batch's records, all at once, instead of two calls per event.
 *
 * Returns the ids of the events that did not reach both (an entry the service failed, or a
 * call that failed as a whole); the caller retries those. A record packs several orders'
 * events, and a retried one lands after later ones: consumers deduplicate by event id and do
 * not depend on order.
 */
export async function publishOrderEvents(events: readonly OrderEvent[]): Promise<Set<string>> {
  const failed = new Set<string>();
  const attempt = async (chunk: readonly OrderEvent[], send: () => Promise<OrderEvent[]>) => {
    try {
      for (const event of await send()) failed.add(event.id);
    } catch {
      for (const event of chunk) failed.add(event.id);
    }
  };
  await Promise.all([
    ...chunks(events, SNS_BATCH).map((chunk) => attempt(chunk, () => publishToTopic(chunk))),
    ...chunks(packForStream(events), KINESIS_RECORDS_PER_CALL).map((records) =>
      attempt(
        records.flatMap((record) => record.events),
        () => putToStream(records),
      ),
    ),
  ]);
  return failed;
}

/** The events SNS did not accept. */
async function publishToTopic(events: readonly OrderEvent[]): Promise<OrderEvent[]> {
  const { Failed = [] } = await sns().send(
    new PublishBatchCommand({
      TopicArn: Resource.OrderEvents.arn,
      PublishBatchRequestEntries: events.map((event, index) => ({
        Id: String(index),
        Message: JSON.stringify(event),
        MessageAttributes: {
          type: { DataType: "String", StringValue: event.type },
          status: { DataType: "String", StringValue: event.data.status },
        },
      })),
    }),
  );
  return Failed.map((entry) => events[Number(entry.Id)]!);
}

/** The events of the records Kinesis did not accept (its result entries line up with the request's). */
async function putToStream(records: readonly StreamRecord[]): Promise<OrderEvent[]> {
  const { Records = [] } = await kinesis().send(
    new PutRecordsCommand({
      StreamName: Resource.Analytics.name,
      Records: records.map((record) => ({ PartitionKey: record.partitionKey, Data: Buffer.from(record.data) })),
    }),
  );
  return records.filter((_record, index) => !Records[index] || Records[index]!.ErrorCode).flatMap((record) => record.events);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
