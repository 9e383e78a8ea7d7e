import { FullBatchFailureError } from "@aws-lambda-powertools/batch";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Events from "@emporium/core/events";

/**
 * The table stream's processor: each change of an order item becomes its events (contract in
 * core), published to the order-events topic and the analytics stream for the whole batch at
 * once (SNS PublishBatch, Kinesis PutRecords). A record whose change cannot be read, or any of
 * whose events was not published, is reported as a batch item failure; the mapping retries
 * from the first of them, bisects, and finally sends a poison batch to the failure queue. When
 * every record fails the invocation fails, as Powertools' batch processor does, so the mapping
 * bisects.
 */
const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

function eventsOf(record: DynamoDBRecord): Events.OrderEvent[] | Error {
  try {
    return Events.eventsFromOrderChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export const handler = async (event: DynamoDBStreamEvent, _context?: Context): Promise<DynamoDBBatchResponse> => {
  const changes = event.Records.map((record) => ({ sequenceNumber: record.dynamodb?.SequenceNumber ?? "", events: eventsOf(record) }));
  const failedEvents = await Events.publishOrderEvents(changes.flatMap((change) => (change.events instanceof Error ? [] : change.events)));
  const errors: Error[] = [];
  const batchItemFailures = changes
    .filter((change) => {
      if (change.events instanceof Error) return errors.push(change.events);
      const unpublished = change.events.filter((orderEvent) => failedEvents.has(orderEvent.id));
      if (unpublished.length === 0) return false;
      return errors.push(new Error(`events ${unpublished.map((orderEvent) => orderEvent.id).join(", ")} were not published`));
    })
    .map((change) => ({ itemIdentifier: change.sequenceNumber }));
  if (changes.length > 0 && batchItemFailures.length === changes.length) throw new FullBatchFailureError(errors);
  return { batchItemFailures };
};
