import { randomBytes } from "node:crypto";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import type { MessageSpy } from "../emulators/fauxqs";

/**
 * S3 event notifications, which fauxqs lacks (its configuration call answers 200 and does
 * nothing): its spy reports each upload synchronously, and this turns the ones the notification
 * covers (bucket, key prefix) into the S3 event Lambda receives (eventVersion 2.1, URL-encoded
 * key, size and eTag from HeadObject) and invokes the function asynchronously, retrying twice
 * on failure as Lambda does for asynchronous invocations.
 */
export interface S3NotificationOptions {
  spy: MessageSpy;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  configurationId: string;
  invoke: (event: S3Event) => Promise<unknown>;
  log: (line: string) => void;
}

/** S3 writes keys in events form-encoded: `/` kept, spaces as `+`. */
export const encodeEventKey = (key: string) => encodeURIComponent(key).replace(/%2F/g, "/").replace(/%20/g, "+");

export function startS3Notifications(options: S3NotificationOptions): { stop(): void } {
  const client = new S3Client({ endpoint: options.endpoint, region: options.region, forcePathStyle: true, credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  const original = options.spy.addMessage.bind(options.spy);
  let stopped = false;
  options.spy.addMessage = (message) => {
    original(message);
    if (stopped || message.service !== "s3" || message.status !== "uploaded") return;
    if (message.bucket !== options.bucket || !message.key.startsWith(options.prefix)) return;
    void deliver(message.key).catch((error) => options.log(`S3 notification for ${message.key} failed: ${(error as Error).message}`));
  };

  async function deliver(key: string): Promise<void> {
    const head = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
    const event: S3Event = {
      Records: [
        {
          eventVersion: "2.1",
          eventSource: "aws:s3",
          awsRegion: options.region,
          eventTime: new Date().toISOString(),
          eventName: "ObjectCreated:Put",
          userIdentity: { principalId: "AWS:AIDAEMPORIUMLOCAL" },
          requestParameters: { sourceIPAddress: "127.0.0.1" },
          responseElements: { "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(), "x-amz-id-2": randomBytes(48).toString("base64") },
          s3: {
            s3SchemaVersion: "1.0",
            configurationId: options.configurationId,
            bucket: { name: options.bucket, ownerIdentity: { principalId: "AEMPORIUMLOCAL" }, arn: `arn:aws:s3:::${options.bucket}` },
            object: {
              key: encodeEventKey(key),
              size: head.ContentLength ?? 0,
              eTag: (head.ETag ?? "").replace(/"/g, ""),
              sequencer: Date.now().toString(16).toUpperCase().padStart(16, "0"),
            },
          },
        },
      ],
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await options.invoke(event);
        options.log(`${options.configurationId} handled s3://${options.bucket}/${key}`);
        return;
      } catch (error) {
        options.log(`${options.configurationId} failed on s3://${options.bucket}/${key} (attempt ${attempt + 1} of 3): ${(error as Error).message}`);
      }
    }
  }

  return {
    stop() {
      stopped = true;
      options.spy.addMessage = original;
      client.destroy();
    },
  };
}
