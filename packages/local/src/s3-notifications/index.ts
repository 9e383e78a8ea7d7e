import { randomBytes, randomUUID } from "node:crypto";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import type { MessageSpy } from "../emulators/fauxqs";
import { LOCAL_CREDENTIALS } from "../local-account";

/**
 * S3 event notifications, which fauxqs lacks (its configuration call answers 200 and does
 * nothing): its spy reports each upload synchronously, and this turns the ones the notification
 * covers (bucket, key prefix) into the S3 event Lambda receives (eventVersion 2.1, URL-encoded
 * key, size and eTag from HeadObject) and invokes the function asynchronously, retrying twice
 * on failure as Lambda does for asynchronous invocations, then handing Lambda's invocation
 * record (`RetriesExhausted`, the event and the error) to the on-failure destination.
 *
 * fauxqs reports a put, a completed multipart upload and a copy all as `uploaded` (a copy adds a
 * `copied` report for the same key in the same tick), and a delete as `deleted`. The operation is
 * told apart the way S3 names it: a copy by its `copied` report, a multipart upload by its
 * `<md5>-<parts>` ETag.
 */
export interface S3NotificationOptions {
  spy: MessageSpy;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  configurationId: string;
  /** The notification's event types, as configured on the bucket (`s3:ObjectCreated:*` by default). */
  events?: string[];
  invoke: (event: S3Event) => Promise<unknown>;
  /** The notified function, as the invocation record names it. */
  functionArn: string;
  /** Retries after the first attempt (Lambda's asynchronous default: 2). */
  maximumRetryAttempts?: number;
  /** Sends an invocation record (JSON) to the function's on-failure destination. */
  sendOnFailure?: (record: string) => Promise<void>;
  log: (line: string) => void;
}

type S3EventName = "ObjectCreated:Put" | "ObjectCreated:Copy" | "ObjectCreated:CompleteMultipartUpload" | "ObjectRemoved:Delete";

/** Whether an `s3:<type>:<operation or *>` pattern selects the event. */
export const subscribed = (patterns: string[], eventName: S3EventName) =>
  patterns.some((pattern) => pattern === `s3:${eventName}` || pattern === `s3:${eventName.split(":")[0]}:*`);

let lastSequencer = 0n;
/**
 * S3's sequencer orders events for one key: an uppercase hex string, compared after padding to
 * equal length. One strictly increasing clock-based counter keeps that order for every key.
 */
export function nextSequencer(now = Date.now()): string {
  const candidate = BigInt(now) << 16n;
  lastSequencer = candidate > lastSequencer ? candidate : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(18, "0");
}

/** S3 writes keys in events form-encoded: `/` kept, spaces as `+`. */
export const encodeEventKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, "/").replace(/%20/g, "+");

export function startS3Notifications(options: S3NotificationOptions): { stop(): void } {
  const client = new S3Client({ endpoint: options.endpoint, region: options.region, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const original = options.spy.addMessage.bind(options.spy);
  const patterns = options.events ?? ["s3:ObjectCreated:*"];
  const copied = new Set<string>();
  let stopped = false;
  options.spy.addMessage = (message) => {
    original(message);
    if (stopped || message.service !== "s3") return;
    if (message.bucket !== options.bucket || !message.key.startsWith(options.prefix)) return;
    const { key } = message;
    const failed = (error: unknown) => options.log(`S3 notification for ${key} failed: ${(error as Error).message}`);
    if (message.status === "copied") copied.add(key);
    else if (message.status === "deleted") void deliver(key, "ObjectRemoved:Delete", nextSequencer()).catch(failed);
    else if (message.status === "uploaded") {
      // The sequencer is taken now, in the order S3 applied the writes; the copy report follows in this tick.
      const sequencer = nextSequencer();
      queueMicrotask(() => void deliver(key, copied.delete(key) ? "ObjectCreated:Copy" : "ObjectCreated:Put", sequencer).catch(failed));
    }
  };

  async function deliver(key: string, operation: S3EventName, sequencer: string): Promise<void> {
    let eventName = operation;
    let object: S3Event["Records"][number]["s3"]["object"] = { key: encodeEventKey(key), sequencer } as S3Event["Records"][number]["s3"]["object"];
    if (operation !== "ObjectRemoved:Delete") {
      const head = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
      const eTag = (head.ETag ?? "").replace(/"/g, "");
      if (operation === "ObjectCreated:Put" && /-\d+$/.test(eTag)) eventName = "ObjectCreated:CompleteMultipartUpload";
      object = { key: encodeEventKey(key), size: head.ContentLength ?? 0, eTag, sequencer };
    }
    if (!subscribed(patterns, eventName)) return;
    const event: S3Event = {
      Records: [
        {
          eventVersion: "2.1",
          eventSource: "aws:s3",
          awsRegion: options.region,
          eventTime: new Date().toISOString(),
          eventName,
          userIdentity: { principalId: "AWS:AIDAEMPORIUMLOCAL" },
          requestParameters: { sourceIPAddress: "127.0.0.1" },
          responseElements: { "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(), "x-amz-id-2": randomBytes(48).toString("base64") },
          s3: {
            s3SchemaVersion: "1.0",
            configurationId: options.configurationId,
            bucket: { name: options.bucket, ownerIdentity: { principalId: "AEMPORIUMLOCAL" }, arn: `arn:aws:s3:::${options.bucket}` },
            object,
          },
        },
      ],
    };
    const attempts = (options.maximumRetryAttempts ?? 2) + 1;
    let failure: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await options.invoke(event);
        options.log(`${options.configurationId} handled s3://${options.bucket}/${key}`);
        return;
      } catch (error) {
        failure = error;
        options.log(`${options.configurationId} failed on s3://${options.bucket}/${key} (attempt ${attempt} of ${attempts}): ${(error as Error).message}`);
      }
    }
    await options.sendOnFailure?.(JSON.stringify(invocationRecord(options.functionArn, event, attempts, failure)));
  }

  return {
    stop() {
      stopped = true;
      options.spy.addMessage = original;
      client.destroy();
    },
  };
}

/** Lambda's record of an asynchronous invocation whose attempts all failed, as its on-failure destination receives it. */
export function invocationRecord(functionArn: string, event: unknown, attempts: number, error: unknown, now = new Date()) {
  const failure = error instanceof Error ? error : new Error(String(error));
  const errorType = "errorType" in failure && typeof failure.errorType === "string" ? failure.errorType : failure.name;
  return {
    version: "1.0",
    timestamp: now.toISOString(),
    requestContext: { requestId: randomUUID(), functionArn: `${functionArn}:$LATEST`, condition: "RetriesExhausted", approximateInvokeCount: attempts },
    requestPayload: event,
    // The invocation itself succeeded (200); the function's failure is in functionError.
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType, errorMessage: failure.message },
  };
}
