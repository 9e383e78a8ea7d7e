import { describe, expect, it } from "vitest";
import type { Attempt, BatchResult } from "../src/event-sources/batch-result";
import { deliver, type RetryPolicy, type Segment } from "../src/event-sources/stream/delivery";
import { onFailureRecord } from "../src/event-sources/stream/on-failure";
import type { StreamRecord, StreamSource } from "../src/event-sources/stream/source";

const records = (...ids: string[]): StreamRecord[] =>
  ids.map((id) => ({ sequenceNumber: id, arrival: new Date(`2026-01-01T00:00:0${id}.250Z`), lambda: id, filterSubject: id }));

/** Runs `deliver` against a function that fails on the records in `poison` and reports `failOnce` items once. */
async function run(batch: StreamRecord[], policy: RetryPolicy, behaviour: { poison?: string[]; failOnce?: string[]; alwaysReport?: string[] }) {
  const calls: string[][] = [];
  const givenUp: { ids: string[]; segment: Segment; last: Attempt }[] = [];
  const backoffs: number[] = [];
  const reported = new Set<string>();
  await deliver(batch, policy, {
    invoke: async (slice) => {
      const ids = slice.map((record) => record.sequenceNumber);
      calls.push(ids);
      let result: BatchResult = { status: "success" };
      if (ids.some((id) => behaviour.poison?.includes(id))) result = { status: "failed", reason: "boom", functionError: "Unhandled" };
      else {
        const failed = ids.filter((id) => behaviour.alwaysReport?.includes(id) || (behaviour.failOnce?.includes(id) && !reported.has(id)));
        failed.forEach((id) => reported.add(id));
        if (failed.length > 0) result = { status: "partial", failed: failed.reverse() };
      }
      return { requestId: `req-${calls.length}`, result };
    },
    exhausted: async (segment, last) => void givenUp.push({ ids: segment.records.map((record) => record.sequenceNumber), segment, last }),
    backoff: async (retries) => void backoffs.push(retries),
  });
  return { calls, givenUp, backoffs };
}

describe("stream batch delivery", () => {
  it("invokes once for a batch that succeeds", async () => {
    const { calls, givenUp } = await run(records("1", "2", "3"), { bisectOnError: false, maximumRetryAttempts: 2 }, {});
    expect(calls).toEqual([["1", "2", "3"]]);
    expect(givenUp).toEqual([]);
  });

  it("retries from the lowest failed record when items are reported", async () => {
    const { calls, backoffs } = await run(records("1", "2", "3", "4", "5"), { bisectOnError: false, maximumRetryAttempts: 2 }, { failOnce: ["2", "4"] });
    expect(calls).toEqual([
      ["1", "2", "3", "4", "5"],
      ["2", "3", "4", "5"],
    ]);
    expect(backoffs).toEqual([1]);
  });

  it("without bisect, retries the whole failing batch, then gives all of it up", async () => {
    const { calls, givenUp } = await run(records("1", "2", "3"), { bisectOnError: false, maximumRetryAttempts: 2 }, { poison: ["2"] });
    expect(calls).toEqual([["1", "2", "3"], ["1", "2", "3"], ["1", "2", "3"]]);
    expect(givenUp.map((g) => g.ids)).toEqual([["1", "2", "3"]]);
    expect(givenUp[0]!.segment.invocations).toBe(3);
  });

  it("with bisect, isolates the poison record, retries it alone, then moves on to the rest in order", async () => {
    const { calls, givenUp } = await run(records("1", "2", "3", "4", "5", "6"), { bisectOnError: true, maximumRetryAttempts: 2 }, { poison: ["3"] });
    expect(calls).toEqual([
      ["1", "2", "3", "4", "5", "6"],
      ["1", "2", "3"],
      ["1", "2"],
      ["3"],
      ["3"],
      ["3"],
      ["4", "5", "6"],
    ]);
    expect(givenUp.map((g) => g.ids)).toEqual([["3"]]);
    // Every invocation that carried record 3: the full batch, its half, and three on its own.
    expect(givenUp[0]!.segment.invocations).toBe(5);
  });

  it("with zero retries, gives a lone failing record up after its first invocation", async () => {
    const { calls, givenUp } = await run(records("1"), { bisectOnError: true, maximumRetryAttempts: 0 }, { poison: ["1"] });
    expect(calls).toEqual([["1"]]);
    expect(givenUp.map((g) => g.ids)).toEqual([["1"]]);
  });

  it("gives up the records from the lowest failed one when reported failures never stop", async () => {
    const { calls, givenUp } = await run(records("1", "2", "3"), { bisectOnError: true, maximumRetryAttempts: 1 }, { alwaysReport: ["2"] });
    expect(calls).toEqual([
      ["1", "2", "3"],
      ["2", "3"],
    ]);
    expect(givenUp.map((g) => g.ids)).toEqual([["2", "3"]]);
    expect(givenUp[0]!.last.result).toEqual({ status: "partial", failed: ["2"] });
  });

  it("retries forever when maximumRetryAttempts is -1 (here until the function recovers)", async () => {
    let failures = 5;
    const calls: number[] = [];
    await deliver(records("1"), { bisectOnError: false, maximumRetryAttempts: -1 }, {
      invoke: async () => {
        calls.push(1);
        return { requestId: "r", result: failures-- > 0 ? { status: "failed", reason: "x" } : { status: "success" } };
      },
      exhausted: async () => expect.unreachable(),
      backoff: async () => undefined,
    });
    expect(calls).toHaveLength(6);
  });
});

describe("on-failure destination records", () => {
  const source = (kind: "DDBStreamBatchInfo" | "KinesisBatchInfo", format: (date: Date) => string): StreamSource => ({
    arn: "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026",
    batchInfoKey: kind,
    formatArrival: format,
    listShards: async () => [],
    iterator: async () => "",
    read: async () => ({ records: [] }),
  });
  const segment: Segment = { records: records("2", "3"), retries: 3, invocations: 4 };
  const last: Attempt = { requestId: "316aa6d0-8154-4a00-9af7-85d5f4a6bc81", result: { status: "failed", reason: "boom", functionError: "Unhandled" } };

  it("has Lambda's shape for DynamoDB streams", () => {
    const ddb = source("DDBStreamBatchInfo", (date) => date.toISOString().replace(/\.\d{3}Z$/, "Z"));
    const record = onFailureRecord(ddb, "shardId-1", "arn:aws:lambda:us-east-1:000000000000:function:Fn", segment, last, new Date("2026-01-01T00:01:00.000Z"));
    expect(record).toEqual({
      requestContext: {
        requestId: "316aa6d0-8154-4a00-9af7-85d5f4a6bc81",
        functionArn: "arn:aws:lambda:us-east-1:000000000000:function:Fn",
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: 4,
      },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: "2026-01-01T00:01:00.000Z",
      DDBStreamBatchInfo: {
        shardId: "shardId-1",
        startSequenceNumber: "2",
        endSequenceNumber: "3",
        approximateArrivalOfFirstRecord: "2026-01-01T00:00:02Z",
        approximateArrivalOfLastRecord: "2026-01-01T00:00:03Z",
        batchSize: 2,
        streamArn: "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2026",
      },
    });
  });

  it("names KinesisBatchInfo with millisecond arrivals, and no functionError after reported item failures", () => {
    const kinesis = source("KinesisBatchInfo", (date) => date.toISOString());
    const partial: Attempt = { requestId: "r", result: { status: "partial", failed: ["2"] } };
    const record = onFailureRecord(kinesis, "shardId-000000000000", "arn", segment, partial);
    expect(record.KinesisBatchInfo).toMatchObject({ approximateArrivalOfFirstRecord: "2026-01-01T00:00:02.250Z", batchSize: 2 });
    expect(record).not.toHaveProperty("DDBStreamBatchInfo");
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: "$LATEST" });
  });
});
