import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import * as Events from "@emporium/core/events";
import * as Fulfilment from "@emporium/core/fulfilment";

/** Confirms new orders once their payment is captured; failures go back to the queue, then to its DLQ. */
const processor = new BatchProcessor(EventType.SQS);

const fulfil = async (record: SQSRecord) => {
  await Fulfilment.fulfil(Events.readOrderEvent(record.body));
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, fulfil, processor, { context });
