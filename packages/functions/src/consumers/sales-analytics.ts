import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import * as Analytics from "@emporium/core/analytics";
import * as Events from "@emporium/core/events";

/** Keeps per-product, per-day sales counters from the analytics stream, counting each event once. */
const processor = new BatchProcessor(EventType.KinesisDataStreams);

const count = async (record: KinesisStreamRecord) => {
  await Analytics.count(Events.readOrderEvent(Buffer.from(record.kinesis.data, "base64").toString("utf8")));
};

export const handler = async (event: KinesisStreamEvent, context: Context) => processPartialResponse(event, count, processor, { context });
