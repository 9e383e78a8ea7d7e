import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import * as Events from "@emporium/core/events";
import * as Notifications from "@emporium/core/notifications";

/** E-mails customers about their orders, once per event. */
const processor = new BatchProcessor(EventType.SQS);

const notify = async (record: SQSRecord) => {
  await Notifications.notify(Events.readOrderEvent(record.body));
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, notify, processor, { context });
