import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { S3Schema } from "@aws-lambda-powertools/parser/schemas";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { nextSequencer, startS3Notifications } from "../src/s3-notifications";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";

let fauxqs: FauxqsEmulator;
let s3: S3Client;
let notifications: { stop(): void };
let failing: { stop(): void };
const events: S3Event[] = [];
/** What the failing function was invoked with, and what reached its on-failure destination. */
const failedAttempts: S3Event[] = [];
const failureRecords: string[] = [];

beforeAll(async () => {
  fauxqs = await startFauxqsEmulator({ log: () => {} });
  s3 = new S3Client({ endpoint: fauxqs.endpoint, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  await s3.send(new CreateBucketCommand({ Bucket: "media" }));
  notifications = startS3Notifications({
    spy: fauxqs.server.spy,
    endpoint: fauxqs.endpoint,
    region: LOCAL_REGION,
    bucket: "media",
    prefix: "in/",
    configurationId: "processor",
    events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"],
    invoke: async (event) => void events.push(event),
    functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:processor",
    log: () => {},
  });
  failing = startS3Notifications({
    spy: fauxqs.server.spy,
    endpoint: fauxqs.endpoint,
    region: LOCAL_REGION,
    bucket: "media",
    prefix: "broken/",
    configurationId: "broken",
    invoke: async (event) => {
      failedAttempts.push(event);
      throw Object.assign(new Error("the table is unreachable"), { errorType: "ServiceUnavailable" });
    },
    functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:broken",
    sendOnFailure: async (record) => void failureRecords.push(record),
    log: () => {},
  });
});

afterAll(async () => {
  notifications?.stop();
  failing?.stop();
  s3?.destroy();
  await fauxqs?.stop();
});

async function settle(count: number): Promise<S3Event["Records"]> {
  for (let i = 0; i < 100 && events.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return events.splice(0).map((event) => event.Records[0]!);
}

describe("local S3 event notifications", () => {
  it("names each operation as S3 does, with increasing uppercase-hex sequencers per key, in the parser's S3 shape", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "media", Key: "in/a b.png", Body: "one" }));
    await s3.send(new CopyObjectCommand({ Bucket: "media", Key: "in/a b.png", CopySource: "media/in/a b.png", MetadataDirective: "REPLACE" }));
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: "media", Key: "in/a b.png" }));
    const part = await s3.send(new UploadPartCommand({ Bucket: "media", Key: "in/a b.png", UploadId: upload.UploadId, PartNumber: 1, Body: "two" }));
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: "media", Key: "in/a b.png", UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: "media", Key: "in/a b.png" }));
    await s3.send(new PutObjectCommand({ Bucket: "media", Key: "elsewhere.png", Body: "x" }));

    // Delivery order is not guaranteed (on AWS either); the sequencer orders one key's events.
    const records = (await settle(4)).sort((a, b) => (a.s3.object.sequencer! < b.s3.object.sequencer! ? -1 : 1));
    expect(records.map((record) => record.eventName)).toEqual([
      "ObjectCreated:Put",
      "ObjectCreated:Copy",
      "ObjectCreated:CompleteMultipartUpload",
      "ObjectRemoved:Delete",
    ]);
    expect(records.every((record) => record.s3.object.key === "in/a+b.png")).toBe(true);
    const sequencers = records.map((record) => record.s3.object.sequencer);
    for (const sequencer of sequencers) expect(sequencer).toMatch(/^[0-9A-F]{17,18}$/);
    expect(new Set(sequencers).size).toBe(sequencers.length);
    expect(records[3]!.s3.object).not.toHaveProperty("size");
    expect(records[2]!.s3.object.eTag).toMatch(/^[0-9a-f]{32}-1$/);
    for (const record of records) expect(S3Schema.safeParse({ Records: [record] }).error).toBeUndefined();
  });

  it("keeps sequencers increasing when the clock stands still or steps back", () => {
    const first = nextSequencer(2_000_000_000_000);
    const same = nextSequencer(2_000_000_000_000);
    const earlier = nextSequencer(1_000_000_000_000);
    expect(first < same && same < earlier).toBe(true);
  });

  it("tries an event three times, then sends Lambda's invocation record (event and error) to the on-failure destination", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "media", Key: "broken/x.png", Body: "bytes" }));
    for (let i = 0; i < 100 && failureRecords.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failedAttempts).toHaveLength(3);
    expect(new Set(failedAttempts.map((event) => JSON.stringify(event))).size).toBe(1); // the same event each time
    expect(failureRecords).toHaveLength(1);
    const record = JSON.parse(failureRecords[0]!);
    expect(record).toEqual({
      version: "1.0",
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:broken:$LATEST",
        condition: "RetriesExhausted",
        approximateInvokeCount: 3,
      },
      requestPayload: failedAttempts[0],
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      responsePayload: { errorType: "ServiceUnavailable", errorMessage: "the table is unreachable" },
    });
    expect(record.requestPayload.Records[0].s3.object.key).toBe("broken/x.png");
  });
});
