import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chargedUnits, groupCalls, minimumOf } from "../../bench/cost/capacity";
import { recommend } from "../../bench/cost/memory";
import { loadMix } from "../../bench/cost/mix";
import { projectBill, runsPerMonth } from "../../bench/cost/monthly";
import { operationCost, type Model } from "../../bench/cost/operation-cost";
import type { Operation } from "../../bench/cost/operations";
import { loadPrices } from "../../bench/cost/prices";
import { previewDay } from "../../bench/cost/preview-day";
import { emptyRequests, type DynamoCall, type OperationUsage } from "../../bench/cost/usage";

/* The cost model's arithmetic (bench/cost), on usage written out by hand. */
const here = join(import.meta.dirname, "../../bench/cost");
const prices = loadPrices(join(here, "prices.eu-west-1.json"));
const mix = loadMix(join(here, "mix.json"), ["browse", "product", "me", "order"]);

const call = (fields: Partial<DynamoCall>): DynamoCall => ({
  functionName: "F",
  operation: "GetItem",
  table: "Table",
  items: ["PRODUCT"],
  consistentRead: false,
  read: 0,
  write: 0,
  tableUnits: 0,
  indexUnits: {},
  ...fields,
});

describe("DynamoDB capacity against the minimum", () => {
  it("takes a small eventually consistent read at 0.5 RCU, a strongly consistent one at 1, and explains neither as excess", () => {
    expect(minimumOf(call({ read: 0.5, tableUnits: 0.5 }))).toEqual({ minimum: 0.5, unreported: 0 });
    const [group] = groupCalls([call({ read: 1, tableUnits: 1, consistentRead: true })], 1);
    expect(group).toMatchObject({ read: 1, minimum: 1, reasons: ["strongly consistent read: 2× an eventually consistent one"] });
  });

  it("charges a batch read of missing items its minimum, which DynamoDB Local reports as 0", () => {
    const missing = call({ operation: "BatchGetItem", items: ["PRODUCT", "PRODUCT"], consistentRead: true, returned: 0 });
    expect(chargedUnits(missing)).toEqual({ read: 2, write: 0 });
  });

  it("charges a write transaction 2 WCU per item on the table plus the index writes reported", () => {
    const transaction = call({ operation: "TransactWriteItems", items: ["Put:ORDER", "Update:PRODUCT"], write: 4, tableUnits: 2, indexUnits: { gsi1: 2 } });
    expect(chargedUnits(transaction)).toEqual({ read: 0, write: 6 });
    const [group] = groupCalls([transaction], 1);
    expect(group!.minimum).toBe(4);
    expect(group!.reasons.join("; ")).toMatch(/index writes: gsi1 2 WCU/);
  });

  it("explains a query that read more than 4 KB", () => {
    const [group] = groupCalls([call({ operation: "Query", read: 1.5, tableUnits: 1.5, returned: 30 })], 1);
    expect(group!.reasons).toEqual(["read more than 4 KB (30 item(s)): units are per 4 KB read"]);
  });
});

describe("the bill", () => {
  const usage: OperationUsage = {
    name: "browse",
    runs: 2,
    httpRequests: 2,
    responseBytes: 0,
    functions: { ProductsList: { invocations: 2, billedMs: 200, cpuMs: 0, logBytes: 0, logEvents: 0 } },
    dynamodb: [call({ operation: "Query", read: 0.5, tableUnits: 0.5 }), call({ operation: "Query", read: 0.5, tableUnits: 0.5 })],
    requests: emptyRequests(),
    calls: {},
  };
  const model: Model = { prices, mix: { ...mix, coldStartShare: 0, logEventOverheadBytes: 0 }, functions: { ProductsList: { memoryMb: 1024, initMs: 0 } } };

  it("prices one run from its usage: a request, 100 ms at 1 GB, a gateway request, the Router, half a read unit", () => {
    const costs = operationCost(usage, model);
    expect(costs.Lambda).toBeCloseTo(prices.price("lambda.request") + 0.1 * prices.price("lambda.arm64.gbSecond"), 12);
    expect(costs["API Gateway"]).toBeCloseTo(prices.price("apigateway.http.request"), 12);
    expect(costs.DynamoDB).toBeCloseTo(0.5 * prices.price("dynamodb.onDemand.read"), 12);
    expect(costs["CloudFront (Router)"]).toBeCloseTo(
      prices.price("cloudfront.https.request") + prices.price("cloudfront.function.invocation") + 2 * prices.price("cloudfront.kvs.read"),
      12,
    );
  });

  it("multiplies by the mix and answers cache hits at the edge with the Router alone", () => {
    const browse = { name: "browse", edgeCacheable: true } as Operation;
    const standing = { kinesisStreams: 0, sqsMappings: 0, schedules: [], customMetrics: 0, alarmMetrics: 0, dashboards: 0 };
    const onlyBrowse = { ...model.mix, shares: { browse: 1 } };
    const miss = projectBill([browse], new Map([["browse", usage]]), { ...model, mix: { ...onlyBrowse, edgeCacheHitRatio: 0 } }, standing);
    const half = projectBill([browse], new Map([["browse", usage]]), { ...model, mix: { ...onlyBrowse, edgeCacheHitRatio: 0.5 } }, standing);
    expect(miss.operations[0]!.monthly["API Gateway"]).toBeCloseTo(mix.requestsPerMonth * prices.price("apigateway.http.request"), 6);
    expect(half.operations[0]!.monthly["API Gateway"]).toBeCloseTo(miss.operations[0]!.monthly["API Gateway"] / 2, 6);
    expect(half.operations[0]!.monthly["CloudFront (Router)"]).toBeCloseTo(miss.operations[0]!.monthly["CloudFront (Router)"], 6);
    // X-Ray: 10 M a month is above one a second, so the reservoir's one a second, then 5% of the rest.
    expect(miss.traces.ProductsList).toBeCloseTo(730 * 3600 + 0.05 * (mix.requestsPerMonth - 730 * 3600), 0);
  });

  it("counts a month of a rate schedule and refuses what it cannot count", () => {
    expect(runsPerMonth("rate(1 minute)")).toBe(43_800);
    expect(runsPerMonth("rate(2 hours)")).toBe(365);
    expect(() => runsPerMonth("cron(0 12 * * ? *)")).toThrow(/cannot count/);
  });

  it("refuses a mix that names an operation the model does not measure", () => {
    const file = join(here, "mix.json");
    expect(() => loadMix(file, ["browse", "product"])).toThrow(/unknown operation me/);
  });
});

describe("memory sizes", () => {
  const metrics = (fields: Partial<Parameters<typeof recommend>[3]>) => ({
    invocations: 10,
    busyMs: 0,
    builds: 1,
    inFlight: 0,
    billedMs: 10 * 30,
    cpuMs: 10 * 2,
    coldStarts: 1,
    initMs: 100,
    initCpuMs: 60,
    peakMemoryBytes: 10 * 2 ** 20,
    ...fields,
  });

  it("gives a function that mostly waits the smallest size its memory allows", () => {
    expect(recommend("F", "background", 1024, metrics({}), 60).recommendedMb).toBe(128);
    // 60 MB + 40 MB held: 150 MB with headroom, so 256.
    expect(recommend("F", "background", 1024, metrics({ peakMemoryBytes: 40 * 2 ** 20 }), 60).recommendedMb).toBe(256);
  });

  it("gives a route that computes enough CPU to stay within +25 ms", () => {
    // 20 ms of CPU: at 512 MB it would take 20 × 1769/512 ≈ 69 ms (+49), at 1024 MB ≈ 35 ms (+15).
    const fit = recommend("F", "route", 1024, metrics({ cpuMs: 10 * 20 }), 60);
    expect(fit.recommendedMb).toBe(1024);
    expect(fit.why).toMatch(/warm CPU/);
  });

  it("does not size what the flows never ran", () => {
    expect(recommend("F", "route", 1024, metrics({ invocations: 0, coldStarts: 0 }), 60).recommendedMb).toBeUndefined();
  });
});

describe("a preview stage's idle day", () => {
  it("charges its provisioned shard by the hour, its alarms and idle polling by the day, and no dashboard", () => {
    const model: Model = { prices, mix, functions: {} };
    const facts = { kinesisStreams: 1, sqsMappings: 3, schedules: [], customMetrics: 0, alarmMetrics: 10, dashboards: 1 };
    const lines = previewDay(model, facts, "pr-7");
    const usd = Object.fromEntries(lines.map((line) => [line.what.split(":")[0], line.usd]));
    expect(usd.Kinesis).toBeCloseTo(24 * prices.price("kinesis.provisioned.shardHour"), 10);
    expect(usd.CloudWatch).toBeCloseTo((10 * prices.price("cloudwatch.alarmMetric")) / (730 / 24), 10);
    expect(usd.SQS).toBeCloseTo(3 * mix.sqsPollersPerQueue * 3 * 60 * 24 * prices.price("sqs.request"), 10);
    expect(lines.some((line) => line.what.includes("dashboard"))).toBe(false);
    // A personal stage keeps its dashboard; production's stream is on demand.
    expect(previewDay(model, facts, "alice").some((line) => line.what.includes("dashboard"))).toBe(true);
    expect(previewDay(model, facts, "production")[0]!.what).toContain("on-demand");
  });
});
