import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { metered } from "./meter";

/**
 * One client per service per execution environment, created on first use. Endpoints come from
 * the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables offline; nothing here knows where it runs.
 * Each is `metered` (./meter.ts: off unless the cost model turns it on).
 */
// Each client is marked pure so a bundle keeps only the clients its function uses.
const lazy = <T>(create: () => T) => {
  let client: T | undefined;
  return () => (client ??= create());
};

export const sns = /* @__PURE__ */ lazy(() => metered(new SNSClient({})));
export const sqs = /* @__PURE__ */ lazy(() => metered(new SQSClient({})));
export const ses = /* @__PURE__ */ lazy(() => metered(new SESv2Client({})));
/** Path-style URLs work on every S3 endpoint, including emulators and presigned links. */
export const s3 = /* @__PURE__ */ lazy(() => metered(new S3Client({ forcePathStyle: true })));
/** Kinesis over HTTP/1.1: PutRecord(s) is served that way on AWS, and emulators need it. */
export const kinesis = /* @__PURE__ */ lazy(() => metered(new KinesisClient({ requestHandler: new NodeHttpHandler() })));
