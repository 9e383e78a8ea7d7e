/**
 * No loss under faults for the Notifications, OrderExports and ImageProcessor consumers, as
 * tests/pipeline/faults.test.ts shows for fulfilment: every message is either handled exactly
 * once in effect or parked where an operator sees it (the queue's dead-letter queue), duplicates
 * change nothing, and a failed attempt leaves nothing half done that would stop a retry.
 * Messages go onto the real queues and uploads into the real bucket of the running stack; the
 * stack's queues return failed messages after 2 s, so dead-lettering (5 receives) takes seconds.
 */
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { CreateBucketCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { S3Event } from "aws-lambda";
import { Resource } from "sst";
import { afterAll, describe, expect, inject, it } from "vitest";
import { newId } from "@emporium/core/ids";
import { documentClient, markerKey, tableName } from "@emporium/core/table";
import type { UserProfile } from "@emporium/core/users";
import { handler as processImage } from "@emporium/functions/uploads/process-image";
import { orderEvent } from "../events/consumer-events";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { png } from "../support/images";
import { mailsAbout, outbox, peek, sqsClient } from "../support/pipeline";
import { adminToken } from "../support/users";
import { waitFor } from "../support/wait";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

const stack = inject("stack");
const sqs = sqsClient();
const s3 = new S3Client({ endpoint: stack.endpoints.messaging, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
afterAll(() => {
  sqs.destroy();
  s3.destroy();
});

const send = (queueUrl: string, body: string) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));

/** Bodies now in a dead-letter queue that satisfy `mine` (others' messages may be parked there too). */
async function deadLettered(queueUrl: string, mine: (body: string) => boolean, seen: Set<string>): Promise<Set<string>> {
  for (const message of await peek(queueUrl, 200)) if (mine(message.body)) seen.add(message.body);
  return seen;
}

/** A customer profile of the test's own, written where the Notifications consumer reads it. */
async function profile(email: string): Promise<UserProfile> {
  const at = new Date().toISOString();
  const user: UserProfile = { id: randomUUID(), username: email, email, name: "Fault Test", role: "customer", deletedAt: null, version: 1, createdAt: at, updatedAt: at };
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: { pk: `USER#${user.id}`, sk: "PROFILE", ...user } }));
  return user;
}

describe("Notifications under faults", () => {
  it("mails every deliverable event exactly once, duplicates included, and dead-letters what SES refuses or cannot be read, claim given back", async () => {
    const queue = stack.queues.NotificationsQueue;
    const good = await profile(`faults-${randomUUID()}@example.com`);
    // SES refuses a recipient that is no address: every attempt fails, as an outage would.
    const bad = await profile(`undeliverable-${randomUUID()}`);
    const deliverable = Array.from({ length: 6 }, () => orderEvent({ userId: good.id }));
    const undeliverable = Array.from({ length: 2 }, () => orderEvent({ userId: bad.id }));
    const poison = [`not an event ${randomUUID()}`, JSON.stringify({ type: "order.created", version: 1, id: `poison-${randomUUID()}`, data: {} })];
    const duplicated = deliverable.slice(0, 2);
    for (const event of [...deliverable, ...undeliverable, ...duplicated]) await send(queue.url, JSON.stringify(event));
    for (const body of poison) await send(queue.url, body);

    const expectedDead = new Set([...undeliverable.map((event) => JSON.stringify(event)), ...poison]);
    const parked = new Set<string>();
    await waitFor(
      "every deliverable event mailed and every other one dead-lettered",
      async () => {
        const mails = await Promise.all(deliverable.map((event) => mailsAbout(event.data.orderId)));
        await deadLettered(queue.deadLetter!.url, (body) => expectedDead.has(body) || deliverable.some((event) => body.includes(event.id)), parked);
        return mails.every((list) => list.length > 0) && parked.size >= expectedDead.size ? true : undefined;
      },
      60_000,
      500,
    );
    // Once the queue is empty every copy was handled, the duplicates included.
    await waitFor("the notifications queue to drain", async () => ((await queueDepth(queue.url)) === 0 ? true : undefined), 30_000, 500);
    const settled = await Promise.all(deliverable.map((event) => mailsAbout(event.data.orderId)));

    // Exactly once: one mail per event although two of them were delivered twice, to the profile's address.
    for (const [i, mails] of settled.entries()) {
      expect(mails, deliverable[i]!.id).toHaveLength(1);
      expect(mails[0]!.to).toEqual([good.email]);
    }
    expect([...parked].sort()).toEqual([...expectedDead].sort());
    for (const event of undeliverable) {
      expect(await mailsAbout(event.data.orderId)).toEqual([]);
      // The failed sends gave their claims back: a redrive of the message can still send.
      const marker = await documentClient().send(new GetCommand({ TableName: tableName(), Key: markerKey("notification", event.id), ConsistentRead: true }));
      expect(marker.Item).toBeUndefined();
    }

    // The operator fixes the address and redrives one parked message: it is mailed, once.
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: { pk: `USER#${bad.id}`, sk: "PROFILE", ...bad, email: `fixed-${randomUUID()}@example.com` } }));
    const redriven = undeliverable[0]!;
    await send(queue.url, JSON.stringify(redriven));
    await send(queue.url, JSON.stringify(redriven));
    const mail = await waitFor("the redriven event's mail", async () => ((await mailsAbout(redriven.data.orderId)).length > 0 ? mailsAbout(redriven.data.orderId) : undefined));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to[0]).toMatch(/^fixed-/);
    // Both copies were handled (the queue holds nothing of ours), and the second sent nothing.
    await waitFor("the notifications queue to drain", async () => ((await queueDepth(queue.url)) === 0 ? true : undefined), 30_000, 500);
    expect(await mailsAbout(redriven.data.orderId)).toHaveLength(1);
    expect((await outbox()).filter((m) => m.subject.includes(redriven.data.orderId))).toHaveLength(1);
  }, 120_000);
});

/** Messages in a queue, visible or being handled. */
async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
}

describe("OrderExports under faults", () => {
  it("runs every requested export once whatever the redeliveries, skips unknown jobs, and dead-letters unreadable messages", async () => {
    const queue = stack.queues.ExportsQueue;
    const admin = await adminToken();
    const since = new Date().toISOString();
    const jobs: string[] = [];
    for (const status of ["CANCELLED", "PAYMENT_FAILED", "EXPIRED"]) {
      const accepted = await post("/exports/orders", { status, from: since }, { token: admin });
      expect(accepted.status, accepted.text).toBe(202);
      jobs.push(accepted.body.id);
    }
    // Every job delivered a second time, as SQS may; a job nobody requested; two unreadable messages.
    for (const id of jobs) await send(queue.url, JSON.stringify({ jobId: id }));
    const unknown = JSON.stringify({ jobId: newId() });
    await send(queue.url, unknown);
    const poison = [`{"jobId": ${randomUUID()}`, JSON.stringify({ job: randomUUID() })];
    for (const body of poison) await send(queue.url, body);

    const parked = new Set<string>();
    const done = await waitFor(
      "every export finished and the unreadable messages dead-lettered",
      async () => {
        const states = await Promise.all(jobs.map(async (id) => (await get(`/exports/${id}`, { token: admin })).body));
        await deadLettered(queue.deadLetter!.url, (body) => poison.includes(body) || body === unknown || jobs.some((id) => body.includes(id)), parked);
        return states.every((job) => job.status === "DONE" || job.status === "FAILED") && parked.size >= poison.length ? states : undefined;
      },
      60_000,
      500,
    );
    for (const job of done) expect(job).toMatchObject({ status: "DONE", rows: expect.any(Number), objectKey: `exports/${job.id}.csv` });
    expect([...parked].sort()).toEqual([...poison].sort());

    // Once the queue is empty every copy was handled: the finished jobs were left as they were.
    await waitFor("the exports queue to drain", async () => ((await queueDepth(queue.url)) === 0 ? true : undefined), 30_000, 500);
    for (const job of done) expect((await get(`/exports/${job.id}`, { token: admin })).body).toMatchObject({ status: "DONE", rows: job.rows, updatedAt: job.updatedAt });
  }, 120_000);
});

describe("ImageProcessor under faults", () => {
  const bucket = JSON.parse(stack.environment.SST_RESOURCE_Uploads!).name as string;
  const image = png(3, 3, [10, 20, 30], [200, 100, 50]);
  const logLines = (key: string, what: string) => readFileSync(stack.logFile, "utf8").split("\n").filter((line) => line.includes(`${what} s3://${bucket}/${key}`));
  const gone = async (key: string) => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return undefined;
    } catch (error) {
      // Only "no such object" counts; any other error is no evidence of a deletion.
      if (!(error instanceof NotFound)) throw error;
      return true;
    }
  };
  const put = (key: string, body: Buffer) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "image/png" }));

  it("deletes uploads it cannot attach: a key naming no product, and a product that does not exist", async () => {
    const stray = `uploads/not-a-product/${randomUUID()}.png`;
    const orphan = `uploads/${newId()}/${newId()}`;
    await put(stray, image);
    await put(orphan, image);
    await waitFor("both notifications to be handled", async () => (logLines(stray, "handled").length === 1 && logLines(orphan, "handled").length === 1 ? true : undefined));
    expect(await gone(stray)).toBe(true);
    expect(await gone(orphan)).toBe(true);
    expect((await get(`/products/${orphan.split("/")[1]}`)).status).toBe(404);
  });

  it("attaches an image once when its notification comes twice", async () => {
    const product = await createProduct();
    const key = `uploads/${product.id}/${newId()}`;
    await put(key, image);
    await waitFor("the first notification to be handled", async () => (logLines(key, "handled").length === 1 ? true : undefined));
    // The same object written again: S3 notifies a second time.
    await put(key, image);
    await waitFor("the second notification to be handled", async () => (logLines(key, "handled").length === 2 ? true : undefined));
    const read = await get(`/products/${product.id}`);
    expect(read.body.images).toEqual([{ id: key.split("/")[2], contentType: "image/png", size: image.length }]);
    expect(read.body.version).toBe(product.version + 1);
  });

  it("fails (so Lambda retries) when the table fails, leaving the product untouched, then attaches once on the retry and ignores a redelivery", async () => {
    // The processor runs here, on an upload in a bucket of this test's own, which the stack does not watch.
    const own = `fault-uploads-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket: own }));
    const product = await createProduct();
    const imageId = newId();
    const key = `uploads/${product.id}/${imageId}`;
    await s3.send(new PutObjectCommand({ Bucket: own, Key: key, Body: image, ContentType: "image/png" }));
    const event = { Records: [{ eventName: "ObjectCreated:Put", s3: { bucket: { name: own }, object: { key, size: image.length } } }] } as unknown as S3Event;

    // Loads the links first, so the swaps below are not overwritten.
    expect(Resource.Uploads.name).toBe(bucket);
    expect(Resource.Table.name).toBe(stack.tableName);
    const links = (globalThis as unknown as { __SST_RESOURCE_RAW__: Record<string, { name: string }> }).__SST_RESOURCE_RAW__;
    const original = { uploads: links.Uploads!, table: links.Table! };
    try {
      links.Uploads = { name: own };
      // A real DynamoDB fault: the table is swapped for one that does not exist.
      links.Table = { name: `missing-table-${Date.now()}` };
      await expect(processImage(event)).rejects.toThrow(/non-existent table|not found|ResourceNotFound/i);
      links.Table = original.table;
      expect((await get(`/products/${product.id}`)).body).toMatchObject({ version: product.version, images: [] });
      expect((await s3.send(new HeadObjectCommand({ Bucket: own, Key: key }))).ContentLength).toBe(image.length); // kept for the retry

      await processImage(event);
      const attached = (await get(`/products/${product.id}`)).body;
      expect(attached).toMatchObject({ version: product.version + 1, images: [{ id: imageId, contentType: "image/png", size: image.length }] });

      await processImage(event);
      expect((await get(`/products/${product.id}`)).body).toEqual(attached);
    } finally {
      links.Uploads = original.uploads;
      links.Table = original.table;
    }
  });
});
