import { GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import type { Context } from "aws-lambda";
import { Resource } from "sst";
import { afterAll, describe, expect, inject, it } from "vitest";
import * as Exports from "@emporium/core/exports";
import { newId } from "@emporium/core/ids";
import type { Order } from "@emporium/core/orders";
import * as Orders from "@emporium/core/orders";
import { handler as exportWorker } from "@emporium/functions/consumers/order-exports";
import { queues } from "@emporium/functions/manifest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { adminToken, customerToken, newUser } from "../support/users";
import { waitFor } from "../support/wait";
import { sqsEvent } from "../events/consumer-events";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

const { endpoints, environment, tableName } = inject("stack");
const bucket = JSON.parse(environment.SST_RESOURCE_Exports!).name as string;
const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const s3 = new S3Client({ ...local, endpoint: endpoints.messaging, forcePathStyle: true });
const dynamodb = new DynamoDBClient({ ...local, endpoint: endpoints.dynamodb });
afterAll(() => {
  s3.destroy();
  dynamodb.destroy();
});

/** What S3 answers a HEAD of a key that does not exist (a HEAD has no body, so no NoSuchKey code). */
const NOT_FOUND = { name: "NotFound", $metadata: { httpStatusCode: 404 } };
const objectText = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
const finished = (id: string, admin: string) =>
  waitFor(`export ${id} to finish`, async () => {
    const job = await get(`/exports/${id}`, { token: admin });
    return job.body.status === "DONE" || job.body.status === "FAILED" ? job.body : undefined;
  });

describe("order exports (202 + job + presigned download)", () => {
  it("accepts the request, runs it on the queue, and hands out a download link to the CSV", async () => {
    const user = await newUser();
    const product = await createProduct({ price: { amount: 1013, currency: "EUR" }, stock: 5 }, "unavailable"); // stays PENDING
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    const admin = await adminToken();
    const since = placed.body.createdAt as string;

    const accepted = await post("/exports/orders", { status: "PENDING", from: since }, { token: admin });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get("location")).toBe(`/exports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: "QUEUED", filter: { status: "PENDING", from: since } });

    const done = await waitFor("the export to finish", async () => {
      const job = await get(`/exports/${accepted.body.id}`, { token: admin });
      return job.body.status === "DONE" ? job.body : undefined;
    });
    expect(done).toMatchObject({ rows: expect.any(Number), objectKey: `exports/${accepted.body.id}.csv`, downloadUrl: expect.stringContaining("X-Amz-Signature=") });
    const csv = await (await fetch(done.downloadUrl)).text();
    const [header, ...rows] = csv.trim().split("\r\n");
    expect(header).toBe("id,userId,status,totalAmount,currency,lineCount,createdAt,updatedAt");
    expect(rows).toHaveLength(done.rows);
    expect(rows.find((row) => row.startsWith(placed.body.id))).toBe(
      [placed.body.id, placed.body.userId, "PENDING", 1013, "EUR", 1, placed.body.createdAt, placed.body.updatedAt].join(","),
    );
  });

  it("exports everything with an empty filter, and the table stream keeps flowing afterwards", async () => {
    const admin = await adminToken();
    const accepted = await post("/exports/orders", {}, { token: admin });
    expect(accepted.status).toBe(202);
    const done = await waitFor("the unfiltered export", async () => {
      const job = await get(`/exports/${accepted.body.id}`, { token: admin });
      return job.body.status === "DONE" ? job.body : undefined;
    });
    expect(done.rows).toBeGreaterThan(0);
    // The job item (with its empty filter map) went through the stream; orders still confirm.
    const user = await newUser();
    const product = await createProduct({ price: { amount: 800, currency: "EUR" }, stock: 5 }, "approve");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    await waitFor("the next order to be confirmed", async () =>
      (await get(`/orders/${placed.body.id}`, { token: user.accessToken })).body.status === "CONFIRMED" ? true : undefined,
    );
  });

  it("is for admins only and validates its filter", async () => {
    expect((await post("/exports/orders", {}, { token: await customerToken() })).status).toBe(403);
    const admin = await adminToken();
    for (const body of [{ status: "LOST" }, { from: "yesterday" }, { from: "2026-02-01", to: "2026-01-01" }, { format: "xlsx" }]) {
      expect((await post("/exports/orders", body, { token: admin })).status, JSON.stringify(body)).toBe(422);
    }
    expect((await get("/exports/01ARZ3NDEKTSV4RRFFQ69G5FAV", { token: admin })).status).toBe(404);
  });

  it("ends FAILED with the reason when the worker finds the export too large, and leaves no file", async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 5 }, "unavailable");
    const first = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    const admin = await adminToken();

    const accepted = await post("/exports/orders", { status: "PENDING", from: first.body.createdAt, maxRows: 1 }, { token: admin });
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.body).toMatchObject({ status: "QUEUED", maxRows: 1 });
    const job = await finished(accepted.body.id, admin);
    expect(job).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("more than 1 rows") });
    expect(job.downloadUrl).toBeUndefined();
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `exports/${accepted.body.id}.csv` }))).rejects.toMatchObject(NOT_FOUND);

    // The same range with room for both rows succeeds.
    const roomy = await post("/exports/orders", { status: "PENDING", from: first.body.createdAt, maxRows: 1000 }, { token: admin });
    expect(await finished(roomy.body.id, admin)).toMatchObject({ status: "DONE", rows: expect.any(Number) });

    for (const maxRows of [0, 1.5, 1_000_001, "10"]) {
      expect((await post("/exports/orders", { maxRows }, { token: admin })).status, String(maxRows)).toBe(422);
    }
  });

  it("retries a failing write, and on the queue's last receive ends the job FAILED with a reason", async () => {
    // A job of the worker's own, not queued, so only this test runs it.
    const id = newId();
    const at = new Date().toISOString();
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: `EXPORT#${id}` },
          sk: { S: "EXPORT" },
          id: { S: id },
          status: { S: "QUEUED" },
          filter: { M: { status: { S: "CANCELLED" } } },
          createdBy: { S: "test" },
          createdAt: { S: at },
          updatedAt: { S: at },
        },
      }),
    );
    // A real S3 fault: the exports bucket is swapped for one that does not exist while the worker runs.
    expect(Resource.Exports.name).toBe(bucket); // loads the links first, so the swap below is not overwritten
    const links = (globalThis as unknown as { __SST_RESOURCE_RAW__: Record<string, { name: string }> }).__SST_RESOURCE_RAW__;
    const original = links.Exports;
    links.Exports = { name: `missing-bucket-${Date.now()}` };
    const admin = await adminToken();
    const deliver = async (receiveCount: number) => {
      const event = sqsEvent([JSON.stringify({ jobId: id })], "emporium-test-ExportsQueue");
      event.Records[0]!.attributes.ApproximateReceiveCount = String(receiveCount);
      return exportWorker(event, {} as Context);
    };
    const last = queues.ExportsQueue.deadLetter.maxReceiveCount;
    // The receives before the last one are retried: there must be some for this test to mean anything.
    expect(last).toBeGreaterThan(1);
    try {
      for (let receive = 1; receive < last; receive++) {
        // The whole batch (its one record) failed: Lambda's poller leaves the message for redelivery.
        await expect(deliver(receive)).rejects.toThrow("All records failed processing");
        expect((await get(`/exports/${id}`, { token: admin })).body).toMatchObject({ status: "RUNNING" });
      }
      // The last receive still reports the failure (the message goes on to the dead-letter queue), and the job says why.
      await expect(deliver(last)).rejects.toThrow("All records failed processing");
    } finally {
      links.Exports = original!;
    }
    const job = await get(`/exports/${id}`, { token: admin });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("last attempt (NoSuchBucket)") });
    // A failed job is final: a stray redelivery does not run it again.
    expect((await deliver(1)).batchItemFailures).toHaveLength(0);
    expect((await get(`/exports/${id}`, { token: admin })).body.status).toBe("FAILED");
  });

  it("streams more orders than one query page to S3, complete and in order", async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 20 }, "unavailable");
    const placed: string[] = [];
    for (let i = 0; i < 7; i++) {
      const order = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
      expect(order.status).toBe(201);
      placed.push(order.body.id);
    }
    const from = (await get(`/orders/${placed[0]}`, { token: user.accessToken })).body.createdAt as string;
    // Pages of 2 orders: the writer pulls four query pages for these seven.
    const key = `exports/test-paged-${Date.now()}.csv`;
    let pagesRead = 0;
    const pages = (async function* () {
      for await (const page of Orders.pagesByStatus("PENDING", from, undefined, 2)) {
        pagesRead++;
        yield page.filter((order: Order) => placed.includes(order.id));
      }
    })();
    await Exports.streamToS3(s3, bucket, key, Exports.csvChunks(pages, 100));
    expect(pagesRead).toBeGreaterThanOrEqual(4);
    const [header, ...rows] = (await objectText(key)).trimEnd().split("\r\n");
    expect(header).toBe("id,userId,status,totalAmount,currency,lineCount,createdAt,updatedAt");
    expect(rows.map((row) => row.split(",")[0])).toEqual([...placed].reverse()); // newest first, each once
  });

  it("uploads an export larger than one part as a multipart upload, holding at most about one part", async () => {
    const rowsWanted = 60_000; // about 8 MB of CSV: two parts of 5 MB
    const pageSize = 1000;
    const produced = { rows: 0 };
    const template = { userId: "00000000-0000-4000-8000-000000000001", status: "CONFIRMED", lineCount: 1, createdAt: "2026-11-21T10:00:00.000Z", updatedAt: "2026-11-21T10:00:00.000Z" };
    const pages = (async function* () {
      for (let p = 0; p < rowsWanted / pageSize; p++) {
        produced.rows += pageSize;
        yield Array.from({ length: pageSize }, (_, i) => ({ ...template, id: `ROW${String(p * pageSize + i).padStart(23, "0")}`, total: { amount: i, currency: "EUR" } }) as Order);
      }
    })();
    const key = `exports/test-multipart-${Date.now()}.csv`;
    const producedAtPart: number[] = [];
    await Exports.streamToS3(s3, bucket, key, Exports.csvChunks(pages, rowsWanted), { onPart: () => producedAtPart.push(produced.rows) });
    expect(producedAtPart.length).toBeGreaterThanOrEqual(2);
    // When the first part was sent, the source had produced about one part's rows, not all of them.
    expect(producedAtPart[0]).toBeLessThan(rowsWanted * 0.75);
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBeGreaterThan(Exports.PART_BYTES);
    const rows = (await objectText(key)).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(rowsWanted);
    expect(rows.every((row, n) => row.startsWith(`ROW${String(n).padStart(23, "0")},`))).toBe(true);
  });

  it("aborts an upload that runs out of time, leaving no object", async () => {
    const key = `exports/test-stopped-${Date.now()}.csv`;
    const stop = new AbortController();
    let pages = 0;
    // A source that never runs dry: time runs out (the worker's stop signal) while its third page is read.
    const endless = (async function* () {
      while (!stop.signal.aborted) {
        pages++;
        if (pages === 3) stop.abort();
        yield [{ id: `SLOW${pages}`, userId: "u", status: "CONFIRMED", total: { amount: 1, currency: "EUR" }, lineCount: 1, createdAt: "t", updatedAt: "t" } as Order];
      }
    })();
    await expect(Exports.streamToS3(s3, bucket, key, Exports.csvChunks(endless, 1000), { stop: stop.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(pages).toBe(3);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toMatchObject(NOT_FOUND);
  });

  it("a worker that runs out of time on its last receive ends the job FAILED, saying so", async () => {
    const id = newId();
    const at = new Date().toISOString();
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: `EXPORT#${id}` }, sk: { S: "EXPORT" }, id: { S: id }, status: { S: "QUEUED" }, filter: { M: {} }, createdBy: { S: "test" }, createdAt: { S: at }, updatedAt: { S: at } },
      }),
    );
    const event = sqsEvent([JSON.stringify({ jobId: id })], "emporium-test-ExportsQueue");
    event.Records[0]!.attributes.ApproximateReceiveCount = String(queues.ExportsQueue.deadLetter.maxReceiveCount);
    // Less time left than the margin the worker keeps back: it stops at once.
    const context = { getRemainingTimeInMillis: () => Exports.STOP_MARGIN_MS - 1 } as Context;
    await expect(exportWorker(event, context)).rejects.toThrow("All records failed processing");
    const job = await get(`/exports/${id}`, { token: await adminToken() });
    expect(job.body).toMatchObject({ status: "FAILED", failureReason: expect.stringContaining("time limit") });
  });
});
