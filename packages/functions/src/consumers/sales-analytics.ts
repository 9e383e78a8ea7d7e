import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import * as Analytics from "@emporium/core/analytics";
import * as Events from "@emporium/core/events";

/**
 * Keeps per-product, per-day sales counters from the analytics stream, counting each event
 * once. A record carries several events (core's stream-record format). The whole batch is
 * counted together (core merges it into as few transactions as it can); a record that cannot
 * be read, or any of whose events could not be counted, is reported as a batch item failure,
 * and when every record fails the invocation fails (so the mapping bisects).
 */
function eventsOf(record: KinesisStreamRecord): Events.OrderEvent[] | Error {
  try {
    return Events.readStreamRecord(Buffer.from(record.kinesis.data, "base64").toString("utf8"));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export const handler = async (event: KinesisStreamEvent, _context?: Context): Promise<KinesisStreamBatchResponse> => {
  const read = event.Records.map((record) => ({ sequenceNumber: record.kinesis.sequenceNumber, events: eventsOf(record) }));
  const results = await Analytics.countAll(read.flatMap((entry) => (entry.events instanceof Error ? [] : entry.events)));
  const errors: Error[] = [];
  const batchItemFailures = read
    .filter((entry) => {
      const outcomes = entry.events instanceof Error ? [entry.events] : entry.events.map((orderEvent) => results.get(orderEvent.id));
      const failure = outcomes.find((outcome) => outcome instanceof Error);
      return failure instanceof Error && errors.push(failure) > 0;
    })
    .map((entry) => ({ itemIdentifier: entry.sequenceNumber }));
  if (read.length > 0 && batchItemFailures.length === read.length) throw new FullBatchFailureError(errors);
  return { batchItemFailures };
};
