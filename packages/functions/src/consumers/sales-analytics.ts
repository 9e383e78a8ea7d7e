import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import * as Analytics from "@emporium/core/analytics";
import * as Events from "@emporium/core/events";

/**
 * Keeps per-product, per-day sales counters from the analytics stream, counting each event
 * once. The whole batch is counted together (core merges it into as few transactions as it
 * can); a record that cannot be read, or whose event could not be counted, is reported as a
 * batch item failure, and when every record fails the invocation fails (so the mapping bisects).
 */
function eventOf(record: KinesisStreamRecord): Events.OrderEvent | Error {
  try {
    return Events.readOrderEvent(Buffer.from(record.kinesis.data, "base64").toString("utf8"));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export const handler = async (event: KinesisStreamEvent, _context?: Context): Promise<KinesisStreamBatchResponse> => {
  const read = event.Records.map((record) => ({ sequenceNumber: record.kinesis.sequenceNumber, event: eventOf(record) }));
  const results = await Analytics.countAll(read.flatMap((entry) => (entry.event instanceof Error ? [] : [entry.event])));
  const errors: Error[] = [];
  const batchItemFailures = read
    .filter((entry) => {
      const outcome = entry.event instanceof Error ? entry.event : results.get(entry.event.id);
      return outcome instanceof Error && errors.push(outcome) > 0;
    })
    .map((entry) => ({ itemIdentifier: entry.sequenceNumber }));
  if (read.length > 0 && batchItemFailures.length === read.length) throw new FullBatchFailureError(errors);
  return { batchItemFailures };
};
