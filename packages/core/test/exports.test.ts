/**
 * Order exports against the real table, queue and bucket (fauxqs serves SQS and S3): the
 * request queues a job and a message naming it; the worker's side writes the CSV of exactly the
 * orders the filter selects, ends the job DONE with a working download link, or FAILED with a
 * reason, and leaves no partial file. Jobs that `run` is called on here are stored directly
 * (`insertJob`), without a queue message, so the export worker of `bun run test` never runs them
 * too. Orders are placed at a random minute of an era of this file's own, the 2400s
 * (./support/eras.ts): a filter of a few minutes around it selects this test's orders only,
 * and the stack's expiry schedule leaves the PENDING ones as they are.
 */
import { randomUUID } from "node:crypto";
import { HeadObjectCommand, NotFound, S3Client } from "@aws-sdk/client-s3";
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Resource } from "sst";
import { afterAll, describe, expect, it } from "vitest";
import type { Principal } from "../src/auth";
import { NotFoundError, ValidationError } from "../src/errors";
import * as Exports from "../src/exports";
import { insertJob, getJob } from "../src/exports/repository";
import type { ExportJob } from "../src/exports/schema";
import { setSimulatedPayment } from "../src/fulfilment";
import { newId } from "../src/ids";
import * as Orders from "../src/orders";
import * as Products from "../src/products";
import { minuteIn } from "./support/eras";
import { withLink } from "./support/links";

const admin: Principal = { userId: `test-exports-admin-${randomUUID()}`, role: "admin", username: "ada" };
const sqs = new SQSClient({});
const s3 = new S3Client({ forcePathStyle: true });
afterAll(() => {
  sqs.destroy();
  s3.destroy();
});

/** The job a queue message names, if it is the JSON the worker reads. */
function jobOf(body: string | undefined): string | undefined {
  try {
    const jobId = (JSON.parse(body ?? "") as { jobId?: unknown }).jobId;
    return typeof jobId === "string" ? jobId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the queue carried a message naming the job, and the job was run: read from the queue
 * here and run (in-process, nothing else consumes it), or (under `bun run test`, where the
 * export worker consumes the queue) seen finished by the worker. Bounded.
 */
async function delivered(id: string): Promise<boolean> {
  for (let round = 0; round < 20; round++) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: Resource.ExportsQueue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const message of Messages) {
      const jobId = jobOf(message.Body);
      if (jobId === id) {
        expect(JSON.parse(message.Body!)).toEqual({ jobId: id });
        await sqs.send(new DeleteMessageCommand({ QueueUrl: Resource.ExportsQueue.url, ReceiptHandle: message.ReceiptHandle! }));
        expect(await Exports.run(id)).toBe("done");
        return true;
      }
      if (jobId && ["QUEUED", "RUNNING"].includes((await getJob(jobId))?.status ?? "")) {
        // Someone else's job, still to run or to retry: back on the queue at once.
        await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: Resource.ExportsQueue.url, ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 }));
      } else {
        // Names no job to run (one finished or failed, or none at all): the worker would skip
        // it too, and left on the queue it would stand before later runs' messages.
        await sqs.send(new DeleteMessageCommand({ QueueUrl: Resource.ExportsQueue.url, ReceiptHandle: message.ReceiptHandle! }));
      }
    }
    if ((await getJob(id))?.status === "DONE") return true;
  }
  return false;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** A random minute between 2400 and 2430: the era of this file's orders. */
const era = () => minuteIn(2400, 30);

/** Orders placed at `t`, `t` + 1 min, …, each then moved to its status. */
async function ordersAt(t: number, statuses: Orders.OrderStatus[]) {
  const product = await Products.create({ name: `Export widget ${randomUUID()}`, description: "", price: { amount: 1_999, currency: "EUR" }, stock: 10 });
  // The stack's payment pipeline (under `bun run test`) leaves these orders PENDING.
  await setSimulatedPayment(product.id, { outcome: "unavailable" });
  const buyer: Principal = { userId: `test-exports-${randomUUID()}`, role: "customer", username: "cy" };
  const placed: Orders.Order[] = [];
  for (const [i, status] of statuses.entries()) {
    const order = await Orders.place(buyer, { lines: [{ productId: product.id, quantity: 1 }] }, () => new Date(t + i * 60_000));
    if (status !== "PENDING") await Orders.advance(order.id, status);
    placed.push((await Orders.findForSystem(order.id))!);
  }
  return placed;
}

async function storedJob(filter: ExportJob["filter"], extra: Partial<ExportJob> = {}): Promise<ExportJob> {
  const timestamp = new Date().toISOString();
  const job: ExportJob = { id: newId(), status: "QUEUED", filter, createdBy: admin.userId, createdAt: timestamp, updatedAt: timestamp, ...extra };
  await insertJob(job);
  return job;
}

const csvRow = (order: Orders.Order) =>
  [order.id, order.userId, order.status, order.total.amount, order.total.currency, order.lineCount, order.createdAt, order.updatedAt].join(",");

async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: Resource.Exports.name, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

describe("requesting an export", () => {
  it("stores a QUEUED job with the filter and the row limit apart, and queues a message naming it", async () => {
    const now = new Date("2026-12-03T12:00:00.000Z");
    // A window with no orders: under `bun run test` the stack's worker may run this job, quickly.
    const input = { status: "SHIPPED" as const, from: "1921-02-03", to: "1921-02-03", maxRows: 50 };
    const job = await Exports.request(admin, input, now);
    expect(job).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      status: "QUEUED",
      filter: { status: "SHIPPED", from: "1921-02-03", to: "1921-02-03" },
      maxRows: 50,
      createdBy: admin.userId,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    expect(await getJob(job.id)).toMatchObject({ id: job.id, filter: job.filter, maxRows: 50, createdBy: admin.userId });

    expect(await delivered(job.id)).toBe(true);
    expect(await Exports.status(job.id)).toMatchObject({ status: "DONE", rows: 0 });
  });

  it("leaves the row limit out when none is asked for", async () => {
    const job = await Exports.request(admin, { status: "SHIPPED", from: "1921-02-04", to: "1921-02-04" });
    expect(job).not.toHaveProperty("maxRows");
    expect(job.filter).toEqual({ status: "SHIPPED", from: "1921-02-04", to: "1921-02-04" });
    expect(await getJob(job.id)).not.toHaveProperty("maxRows");
    expect(await delivered(job.id)).toBe(true);
  });

  it("refuses a window that ends before it starts", async () => {
    const error = await Exports.request(admin, { from: "2026-12-03", to: "2026-12-02" }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "from", message: "must not be after `to`" }]);
  });
});

describe("reporting an export", () => {
  it("says an unknown export does not exist, and reports a job not yet done without a link", async () => {
    const unknown = newId();
    const error = await Exports.status(unknown).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(`Export ${unknown} does not exist.`);
    const job = await storedJob({ status: "SHIPPED" });
    expect(await Exports.status(job.id)).toEqual(job);
  });
});

describe("running an export", () => {
  it("writes the CSV of the orders of one status in the window, newest first, page by page, and links to it once DONE", async () => {
    const t = era();
    const orders = await ordersAt(t, ["CONFIRMED", "PENDING", "CONFIRMED", "CONFIRMED"]);
    const job = await storedJob({ status: "CONFIRMED", from: iso(t), to: iso(t + 3 * 60_000) });
    const finished = new Date("2026-12-03T12:30:00.000Z");
    expect(await Exports.run(job.id, { pageSize: 2, now: () => finished })).toBe("done");

    const stored = await getJob(job.id);
    expect(stored).toEqual({ ...job, status: "DONE", rows: 3, objectKey: `exports/${job.id}.csv`, updatedAt: finished.toISOString() });
    const before = Date.now();
    const report = await Exports.status(job.id);
    expect(report).toMatchObject({ ...stored, downloadUrl: expect.any(String), downloadExpiresAt: expect.any(String) });
    const expiresIn = Date.parse(report.downloadExpiresAt!) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(Exports.DOWNLOAD_LINK_SECONDS * 1000 - 1_000);
    expect(expiresIn).toBeLessThanOrEqual(Exports.DOWNLOAD_LINK_SECONDS * 1000 + 1_000);
    expect(new URL(report.downloadUrl!).searchParams.get("X-Amz-Expires")).toBe(String(Exports.DOWNLOAD_LINK_SECONDS));

    const download = await fetch(report.downloadUrl!);
    expect(download.status).toBe(200);
    const confirmed = orders.filter((order) => order.status === "CONFIRMED").reverse();
    expect(await download.text()).toBe([Exports.ORDER_CSV_HEADER.join(","), ...confirmed.map(csvRow), ""].join("\r\n"));

    // A redelivered message finds the job done and does nothing.
    expect(await Exports.run(job.id)).toBe("skipped");
    expect(await getJob(job.id)).toEqual(stored);
  });

  it("exports every status when the filter names none", async () => {
    const t = era();
    const orders = await ordersAt(t, ["CONFIRMED", "CANCELLED", "PENDING"]);
    const job = await storedJob({ from: iso(t), to: iso(t + 2 * 60_000) });
    expect(await Exports.run(job.id)).toBe("done");
    const body = await (await fetch((await Exports.status(job.id)).downloadUrl!)).text();
    const rows = body.trimEnd().split("\r\n").slice(1);
    expect(rows.sort()).toEqual(orders.map(csvRow).sort());
    expect((await getJob(job.id))?.rows).toBe(3);
  });

  it("fails the job for good, with the reason, when the orders pass its row limit, leaving no file", async () => {
    const t = era();
    await ordersAt(t, ["CONFIRMED", "CONFIRMED"]);
    const job = await storedJob({ status: "CONFIRMED", from: iso(t), to: iso(t + 60_000) }, { maxRows: 1 });
    expect(await Exports.run(job.id, { pageSize: 1 })).toBe("failed");
    const failed = await getJob(job.id);
    expect(failed).toMatchObject({ status: "FAILED", failureReason: "The export has more than 1 rows, its limit; narrow the filter (status, from, to) or raise maxRows." });
    expect(failed).not.toHaveProperty("objectKey");
    expect(await objectExists(`exports/${job.id}.csv`)).toBe(false);
    expect(await Exports.status(job.id)).not.toHaveProperty("downloadUrl");
    // Failed is final.
    expect(await Exports.run(job.id)).toBe("skipped");
  });

  it("stops before the worker's time limit: the job stays RUNNING for a retry, or ends FAILED on the last attempt", async () => {
    const t = era();
    await ordersAt(t, ["CONFIRMED"]);
    // No time left beyond the margin: the upload is aborted as soon as it starts.
    const noTime = { timeLeftMs: () => Exports.STOP_MARGIN_MS };
    const retried = await storedJob({ from: iso(t), to: iso(t) });
    await expect(Exports.run(retried.id, noTime)).rejects.toMatchObject({ name: "AbortError" });
    expect(await getJob(retried.id)).toMatchObject({ status: "RUNNING" });
    expect(await getJob(retried.id)).not.toHaveProperty("failureReason");
    expect(await objectExists(`exports/${retried.id}.csv`)).toBe(false);
    // The redelivery runs the job again, and with time this time it finishes.
    expect(await Exports.run(retried.id)).toBe("done");
    expect(await getJob(retried.id)).toMatchObject({ status: "DONE", rows: 1 });

    const last = await storedJob({ from: iso(t), to: iso(t) });
    await expect(Exports.run(last.id, { ...noTime, lastAttempt: true })).rejects.toMatchObject({ name: "AbortError" });
    expect(await getJob(last.id)).toMatchObject({
      status: "FAILED",
      failureReason: "The export did not finish within the worker's time limit on its last attempt; narrow the filter (status, from, to) and request it again.",
    });
    expect(await objectExists(`exports/${last.id}.csv`)).toBe(false);
  });

  it("leaves a job whose file cannot be written RUNNING for a retry, and ends it FAILED, naming the error, on the last attempt", async () => {
    const t = era();
    await ordersAt(t, ["CONFIRMED"]);
    const missingBucket = `missing-${randomUUID()}`;
    const retried = await storedJob({ from: iso(t), to: iso(t) });
    await withLink("Exports", { name: missingBucket }, async () => {
      await expect(Exports.run(retried.id)).rejects.toMatchObject({ name: "NoSuchBucket" });
    });
    expect(await getJob(retried.id)).toMatchObject({ status: "RUNNING" });
    expect(await getJob(retried.id)).not.toHaveProperty("failureReason");

    const last = await storedJob({ from: iso(t), to: iso(t) });
    await withLink("Exports", { name: missingBucket }, async () => {
      await expect(Exports.run(last.id, { lastAttempt: true })).rejects.toMatchObject({ name: "NoSuchBucket" });
    });
    expect(await getJob(last.id)).toMatchObject({
      status: "FAILED",
      failureReason:
        "The export could not be written after its last attempt (NoSuchBucket); request it again, and if it keeps failing, tell the operators the job id.",
    });
  });

  it("skips a job that does not exist", async () => {
    expect(await Exports.run(newId())).toBe("skipped");
  });
});
