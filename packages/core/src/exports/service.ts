import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Resource } from "sst";
import type { Principal } from "../auth";
import { s3, sqs } from "../aws/clients";
import { NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import * as Orders from "../orders";
import { ORDER_STATUSES } from "../orders/lifecycle";
import { ORDER_CSV_HEADER, orderCsvRow } from "./csv";
import * as repository from "./repository";
import type { ExportJob, NewExport } from "./schema";

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
  const job: ExportJob = { id: newId(), status: "QUEUED", filter: input, createdBy: admin.userId, createdAt: timestamp, updatedAt: timestamp };
  await repository.insertJob(job);
  await sqs().send(new SendMessageCommand({ QueueUrl: Resource.ExportsQueue.url, MessageBody: JSON.stringify({ jobId: job.id }) }));
  return job;
}

export async function status(id: string): Promise<ExportJob & { downloadUrl?: string; downloadExpiresAt?: string }> {
  const job = await repository.getJob(id);
  if (!job) throw new NotFoundError(`Export ${id} does not exist.`);
  if (job.status !== "DONE" || !job.objectKey) return job;
  const downloadUrl = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: Resource.Exports.name, Key: job.objectKey }), {
    expiresIn: DOWNLOAD_LINK_SECONDS,
  });
  return { ...job, downloadUrl, downloadExpiresAt: new Date(Date.now() + DOWNLOAD_LINK_SECONDS * 1000).toISOString() };
}

/**
 * Runs a queued export (the worker's side). Redelivery is harmless: a finished job is skipped,
 * an interrupted one is redone and overwrites the same object.
 */
export async function run(id: string, now = () => new Date()): Promise<"done" | "skipped"> {
  const job = await repository.getJob(id);
  if (!job || job.status === "DONE") return "skipped";
  if (!(await repository.moveJob(id, ["QUEUED", "RUNNING", "FAILED"], "RUNNING", now().toISOString()))) return "skipped";
  const lines = [ORDER_CSV_HEADER.join(",")];
  for (const status of job.filter.status ? [job.filter.status] : ORDER_STATUSES) {
    for await (const order of Orders.allByStatus(status, job.filter.from, job.filter.to)) lines.push(orderCsvRow(order));
  }
  const objectKey = `exports/${id}.csv`;
  await s3().send(
    new PutObjectCommand({ Bucket: Resource.Exports.name, Key: objectKey, Body: `${lines.join("\r\n")}\r\n`, ContentType: "text/csv; charset=utf-8" }),
  );
  await repository.moveJob(id, ["RUNNING"], "DONE", now().toISOString(), { rows: lines.length - 1, objectKey });
  return "done";
}
