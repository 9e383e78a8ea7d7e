import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import * as Exports from "@emporium/core/exports";
import * as v from "valibot";
import { queues } from "../manifest";

/** Runs queued order exports. */
const processor = new BatchProcessor(EventType.SQS);
const messageSchema = v.object({ jobId: v.pipe(v.string(), v.minLength(1)) });

/** The receive after which SQS dead-letters the message: the job's last chance to record why it failed. */
const LAST_RECEIVE = queues.ExportsQueue.deadLetter.maxReceiveCount;

export const handler = async (event: SQSEvent, context: Context) => {
  const timeLeftMs = typeof context.getRemainingTimeInMillis === "function" ? () => context.getRemainingTimeInMillis() : undefined;
  const run = async (record: SQSRecord) => {
    const lastAttempt = Number(record.attributes.ApproximateReceiveCount) >= LAST_RECEIVE;
    await Exports.run(v.parse(messageSchema, JSON.parse(record.body)).jobId, { lastAttempt, timeLeftMs });
  };
  return processPartialResponse(event, run, processor, { context });
};
