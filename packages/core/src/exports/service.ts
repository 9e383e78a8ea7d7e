import { GetObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Resource } from "sst";
import type { Principal } from "../auth";
import { s3, sqs } from "../aws/clients";
import { NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import * as Orders from "../orders";
import { ORDER_STATUSES } from "../orders/lifecycle";
import { ExportFailure } from "./failure";
import * as repository from "./repository";
import { MAX_EXPORT_ROWS, type ExportJob, type ExportReport, type NewExport } from "./schema";
import { csvChunks, streamToS3 } from "./writer";

/** How long a download link stays valid. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

/**
 * Order exports, the asynchronous-request pattern of seed 004: the request is accepted at once
 * (202 with the job's id), a queue worker writes a CSV to the exports bucket, and the job's
 * resource reports progress and, when done, a short-lived download link.
 */
export async function request(admin: Principal, input: NewExport, now = new Date()): Promise<ExportJob> {
  if (input.from && input.to && input.from > input.to) throw new ValidationError([{ path: "from", message: "must not be after `to`" }]);
  const timestamp = now.toISOString();
  const { maxRows, ...filter } = input;
  const job: ExportJob = { id: newId(), status: "QUEUED", filter, ...(maxRows ? { maxRows } : {}), createdBy: admin.userId, createdAt: timestamp, updatedAt: timestamp };
  await repository.insertJob(job);
  await sqs().send(new SendMessageCommand({ QueueUrl: Resource.ExportsQueue.url, MessageBody: JSON.stringify({ jobId: job.id }) }));
  return job;
}

export async function status(id: string): Promise<ExportReport> {
  const job = await repository.getJob(id);
  if (!job) throw new NotFoundError(`Export ${id} does not exist.`);
  if (job.status !== "DONE" || !job.objectKey) return job;
  const downloadUrl = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: Resource.Exports.name, Key: job.objectKey }), {
    expiresIn: DOWNLOAD_LINK_SECONDS,
  });
  return { ...job, downloadUrl, downloadExpiresAt: new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}

/** Time kept back from the worker's limit to abort the upload and record a failure. */
export const STOP_MARGIN_MS = 10_000;

/**
 * Runs a queued export (the worker's side), streaming the CSV to S3 page by page. Redelivery is
 * harmless: a finished or failed job is skipped, an interrupted one is redone and overwrites the
 * same object. An ExportFailure ends the job FAILED at once; any other error is rethrown for the
 * queue to redeliver, except on the `lastAttempt`, when the job ends FAILED too (the message then
 * goes to the dead-letter queue), so no job stays RUNNING for good.
 */
export async function run(
  id: string,
  options: { lastAttempt?: boolean; pageSize?: number; now?: () => Date; timeLeftMs?: () => number } = {},
): Promise<"done" | "skipped" | "failed"> {
  const now = options.now ?? (() => new Date());
  const job = await repository.getJob(id);
  if (!job || job.status === "DONE" || job.status === "FAILED") return "skipped";
  if (!(await repository.moveJob(id, ["QUEUED", "RUNNING"], "RUNNING", now().toISOString()))) return "skipped";
  const objectKey = `exports/${id}.csv`;
  const counter = { rows: 0 };
  // Stop before the worker's time limit: a worker killed mid-upload could not record why.
  const stop = new AbortController();
  const timer = options.timeLeftMs ? setTimeout(() => stop.abort(), Math.max(0, options.timeLeftMs() - STOP_MARGIN_MS)) : undefined;
  try {
    const statuses = job.filter.status ? [job.filter.status] : ORDER_STATUSES;
    const pages = (async function* () {
      for (const status of statuses) yield* Orders.pagesByStatus(status, job.filter.from, job.filter.to, options.pageSize);
    })();
    await streamToS3(s3(), Resource.Exports.name, objectKey, csvChunks(pages, job.maxRows ?? MAX_EXPORT_ROWS, counter), { stop: stop.signal });
  } catch (error) {
    if (error instanceof ExportFailure) {
      await repository.moveJob(id, ["RUNNING"], "FAILED", now().toISOString(), { failureReason: error.message });
      return "failed";
    }
    if (options.lastAttempt) {
      const reason = stop.signal.aborted
        ? "The export did not finish within the worker's time limit on its last attempt; narrow the filter (status, from, to) and request it again."
        : `The export could not be written after its last attempt (${error instanceof Error ? error.name : "error"}); request it again, and if it keeps failing, tell the operators the job id.`;
      await repository.moveJob(id, ["RUNNING"], "FAILED", now().toISOString(), { failureReason: reason });
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
  await repository.moveJob(id, ["RUNNING"], "DONE", now().toISOString(), { rows: counter.rows, objectKey });
  return "done";
}
