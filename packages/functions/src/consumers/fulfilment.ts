import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import * as Events from "@emporium/core/events";
import * as Fulfilment from "@emporium/core/fulfilment";
import { logger } from "../http/logger";

/** Confirms new orders once their payment is captured; failures go back to the queue, then to its DLQ. */
const processor = new BatchProcessor(EventType.SQS);

// One line per event handled, redeliveries too: which order, and what fulfilment did with it.
const fulfil = async (record: SQSRecord) => {
  const event = Events.readOrderEvent(record.body);
  const outcome = await Fulfilment.fulfil(event);
  logger.info("order event handled", { orderId: event.data.orderId, eventId: event.id, outcome });
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, fulfil, processor, { context });
