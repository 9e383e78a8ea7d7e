import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import * as Events from "@emporium/core/events";

/**
 * The table stream's processor: each change of an order item becomes its events (contract in
 * core), published to the order-events topic and the analytics stream. Failed records are
 * reported one by one; the mapping retries from the first of them, bisects, and finally sends
 * a poison batch to the failure queue.
 */
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function publishChange(record: DynamoDBRecord): Promise<void> {
  const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);
  for (const event of Events.eventsFromOrderChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage))) {
    await Events.publishOrderEvent(event);
  }
}

export const handler = async (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, publishChange, processor, { context });
