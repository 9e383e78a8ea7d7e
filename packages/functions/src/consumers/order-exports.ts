import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import * as Exports from "@emporium/core/exports";
import * as v from "valibot";

/** Runs queued order exports. */
const processor = new BatchProcessor(EventType.SQS);
const messageSchema = v.object({ jobId: v.pipe(v.string(), v.minLength(1)) });

const run = async (record: SQSRecord) => {
  await Exports.run(v.parse(messageSchema, JSON.parse(record.body)).jobId);
};

export const handler = async (event: SQSEvent, context: Context) => processPartialResponse(event, run, processor, { context });
