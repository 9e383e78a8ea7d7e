import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFauxqsEmulator, type FauxqsEmulator } from "../src/emulators/fauxqs";
import { startEventSources, type EventSources } from "../src/event-sources";
import type { SQSRecordJson } from "../src/event-sources/sqs-record";
import { FunctionHost } from "../src/functions/host";
import { LOCAL_CREDENTIALS } from "../src/local-account";

/*
 * SQS mappings against fauxqs (in-process) and a real FunctionHost running
 * packages/local/test/fixtures/event-sources.ts: queues with a 1 s visibility timeout and a
 * redrive policy of 2 receives keep the round trips short.
 */
const REGION = "eu-west-1";
const credentials = LOCAL_CREDENTIALS;
const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "emporium-esm-sqs-"));
const host = new FunctionHost(root, out);

let fauxqs: FauxqsEmulator;
let sqs: SQSClient;
let endpoint: string;
let sources: EventSources | undefined;

beforeAll(async () => {
  [fauxqs] = await Promise.all([
    startFauxqsEmulator({ log: () => undefined }),
    host.add([{ name: "Consumer", handler: "packages/local/test/fixtures/event-sources.sqs", memoryMb: 128, timeoutMs: 5_000, environment: {} }]),
  ]);
  endpoint = fauxqs.endpoint;
  sqs = new SQSClient({ endpoint, region: REGION, credentials });
});

afterAll(async () => {
  await sources?.stop();
  sqs?.destroy();
  await Promise.all([host.close(), fauxqs?.stop()]);
  rmSync(out, { recursive: true, force: true });
});

async function queueWithDlq(name: string) {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = await arnOf(dlq.QueueUrl!);
  const queue = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: { VisibilityTimeout: "1", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) },
    }),
  );
  return { url: queue.QueueUrl!, arn: await arnOf(queue.QueueUrl!), dlqUrl: dlq.QueueUrl! };
}

async function arnOf(url: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  return Attributes!.QueueArn!;
}

const send = (url: string, body: object, attributes = {}) =>
  sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(body), MessageAttributes: attributes }));

async function drain(url: string, waitSeconds: number): Promise<string[]> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
  return Messages.map((message) => message.Body!);
}

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("SQS mappings", () => {
  it("delete what succeeded, leave failures to come back and reach the DLQ by redrive, and delete filtered messages", async () => {
    const partial = await queueWithDlq(`esm-partial-${process.pid}`);
    const failing = await queueWithDlq(`esm-error-${process.pid}`);
    const calls: { queue: string; records: SQSRecordJson[] }[] = [];

    await send(partial.url, { n: 1 }, { origin: { DataType: "String", StringValue: "test" }, raw: { DataType: "Binary", BinaryValue: new Uint8Array([9, 8]) } });
    await send(partial.url, { n: 2, flag: "fail-always" });
    await send(partial.url, { n: 3 });
    await send(partial.url, { n: 4, skip: true });
    // A function error fails the whole batch: nothing in it is deleted.
    await send(failing.url, { n: 5, flag: "poison" });
    await send(failing.url, { n: 6 });

    sources = await startEventSources({
      region: REGION,
      endpoints: { sqs: endpoint },
      credentials,
      mappings: [
        { name: "Partial", functionName: "Consumer", source: { kind: "sqs", queueUrl: partial.url }, batchSize: 10, filters: [{ body: { skip: [{ exists: false }] } }] },
        { name: "Failing", functionName: "Consumer", source: { kind: "sqs", queueUrl: failing.url }, batchSize: 10 },
      ],
      invoke: (name, event) => {
        const records = (event as { Records: SQSRecordJson[] }).Records;
        calls.push({ queue: records[0]!.eventSourceARN, records });
        return host.invoke(name, event);
      },
      log: () => undefined,
    });

    const [partialDlq, failingDlq] = await Promise.all([
      collect(partial.dlqUrl, 1),
      collect(failing.dlqUrl, 2),
    ]);
    expect(partialDlq.map((body) => JSON.parse(body).n)).toEqual([2]);
    expect(failingDlq.map((body) => JSON.parse(body).n).sort()).toEqual([5, 6]);
    expect(await drain(partial.url, 0)).toEqual([]);
    expect(await drain(failing.url, 0)).toEqual([]);

    const deliveries = (arn: string) => calls.filter((call) => call.queue === arn).flatMap((call) => call.records.map((record) => JSON.parse(record.body).n as number));
    // 1 and 3 once (deleted), 2 twice (maxReceiveCount 2), 4 never (filtered out and deleted).
    expect(deliveries(partial.arn).sort()).toEqual([1, 2, 2, 3]);
    expect(deliveries(failing.arn).sort()).toEqual([5, 5, 6, 6]);
    expect(sources.stats()).toMatchObject({
      Partial: { recordsDelivered: 4, recordsFiltered: 1, sentToOnFailure: 0 },
      Failing: { invocations: 2, recordsDelivered: 4, batchFailures: 2 },
    });

    const first = calls.flatMap((call) => call.records).find((record) => JSON.parse(record.body).n === 1)!;
    expect(first).toEqual({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"n":1}',
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: expect.stringMatching(/^\d{13}$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d{13}$/),
      },
      messageAttributes: {
        origin: { stringValue: "test", stringListValues: [], binaryListValues: [], dataType: "String" },
        raw: { binaryValue: "CQg=", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      },
      md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      md5OfBody: createHash("md5").update('{"n":1}').digest("hex"),
      eventSource: "aws:sqs",
      eventSourceARN: partial.arn,
      awsRegion: REGION,
    });
    const retried = calls.flatMap((call) => call.records).filter((record) => JSON.parse(record.body).n === 2);
    expect(retried.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(["1", "2"]);

    // Stopping cuts the long poll short instead of waiting it out.
    const stopping = Date.now();
    await sources.stop();
    expect(Date.now() - stopping).toBeLessThan(500);
  });

  it("refuse to start on a missing queue or an invalid filter, naming the mapping", async () => {
    const start = (queueUrl: string, filters?: Record<string, unknown>[]) =>
      startEventSources({
        region: REGION,
        endpoints: { sqs: endpoint },
        credentials,
        mappings: [{ name: "Ghost", functionName: "Consumer", source: { kind: "sqs", queueUrl }, batchSize: 10, filters }],
        invoke: async () => undefined,
        log: () => undefined,
      });
    await expect(start(`${endpoint}/000000000000/esm-missing-${process.pid}`)).rejects.toThrow(/^event-source mapping Ghost: /);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `esm-ghost-${process.pid}` }));
    await expect(start(QueueUrl!, [{ body: "order.created" }])).rejects.toThrow("event-source mapping Ghost: invalid event filter at filters[0].body");
  });
});

/** Receives from a queue until `count` messages have arrived. */
async function collect(url: string, count: number): Promise<string[]> {
  const bodies: string[] = [];
  await waitFor(`${count} messages in ${url}`, async () => {
    bodies.push(...(await drain(url, 1)));
    return bodies.length >= count;
  });
  return bodies;
}
