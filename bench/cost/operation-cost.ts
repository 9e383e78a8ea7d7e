/**
 * What one run of an operation costs, service by service, from its measured usage: every
 * function invocation (duration at its configured memory, stretched by its CPU share, plus a
 * share of cold starts), every request to API Gateway and the Router, every DynamoDB unit, every
 * message, and the bytes sent back and logged.
 */
import { chargedUnits } from "./capacity";
import type { Mix } from "./mix";
import { FULL_VCPU_MB, projectedMs } from "./memory";
import { platformLogEvents } from "./platform-log";
import type { PriceList } from "./prices";
import { zero, type Costs } from "./services";
import type { OperationUsage } from "./usage";

const GB = 1024 ** 3;

export interface FunctionFacts {
  memoryMb: number;
  /** Mean cold start at one vCPU: its measured CPU time (init is computation). */
  initMs: number;
}

export interface Model {
  prices: PriceList;
  mix: Mix;
  functions: Record<string, FunctionFacts>;
  /**
   * `measured`: each invocation's wall-clock time here, its CPU part stretched by the size's CPU
   * share. `cpu`: its CPU time only, as if no call waited on anything (a floor; on a busy machine
   * the wall-clock time also holds the time spent waiting for a core).
   */
  durations?: "measured" | "cpu";
}

/** Cost of one run that reaches the API (not answered from CloudFront's cache). */
export function operationCost(usage: OperationUsage, model: Model): Costs {
  const { prices, mix } = model;
  const price = prices.price;
  const costs = zero();
  const per = (value: number) => value / usage.runs;

  for (const [name, fn] of Object.entries(usage.functions)) {
    const facts = model.functions[name];
    if (!facts) throw new Error(`no memory size for ${name}`);
    const invocations = per(fn.invocations);
    const gb = facts.memoryMb / 1024;
    const ms = (model.durations === "cpu" ? projectedMs(fn.cpuMs, fn.cpuMs, facts.memoryMb) : projectedMs(fn.billedMs, fn.cpuMs, facts.memoryMb)) / usage.runs;
    const initMs = mix.coldStartShare * invocations * facts.initMs * Math.max(1, FULL_VCPU_MB / facts.memoryMb);
    costs.Lambda += invocations * price("lambda.request") + ((ms + initMs) / 1000) * gb * price("lambda.arm64.gbSecond");
    const platform = platformLogEvents(facts.memoryMb);
    const logBytes = per(fn.logBytes + fn.logEvents * mix.logEventOverheadBytes) + invocations * platform.reduce((sum, line) => sum + Buffer.byteLength(line) + mix.logEventOverheadBytes, 0);
    costs["CloudWatch Logs"] += (logBytes / GB) * price("cloudwatch.logs.ingestGb");
  }

  const requests = per(usage.httpRequests);
  costs["API Gateway"] += requests * price("apigateway.http.request");
  costs["CloudFront (Router)"] += mix.viaRouter * requests * routerRequest(prices);
  costs["Data transfer"] += transferOut(per(usage.responseBytes), prices, mix.viaRouter);

  const charged = usage.dynamodb.map(chargedUnits);
  const read = per(charged.reduce((sum, units) => sum + units.read, 0));
  const write = per(charged.reduce((sum, units) => sum + units.write, 0));
  costs.DynamoDB += read * price("dynamodb.onDemand.read") + write * price("dynamodb.onDemand.write");

  const r = usage.requests;
  costs.SNS += per(r.snsPublishes) * price("sns.publish");
  costs.SQS += per(r.sqsSends + r.sqsReceives + r.sqsDeletes) * price("sqs.request");
  const kinesisGb = per(r.kinesisRecordKb) / 1024 ** 2;
  costs.Kinesis += kinesisGb * (price("kinesis.onDemand.ingestGb") + price("kinesis.onDemand.retrievalGb"));
  costs.SES += per(r.sesSends) * price("ses.email");
  costs.S3 += per(r.s3Puts) * price("s3.put") + per(r.s3Gets) * price("s3.get");
  return costs;
}

/** Cost of a request CloudFront answers from its cache: the Router's request and the bytes out. */
export function edgeHitCost(usage: OperationUsage, prices: PriceList): Costs {
  const costs = zero();
  costs["CloudFront (Router)"] = routerRequest(prices);
  costs["Data transfer"] = transferOut(usage.responseBytes / usage.runs, prices, 1);
  return costs;
}

/** The Router's share of one request: CloudFront's request, its viewer-request function and that function's two KeyValueStore reads (routes, then the route's metadata: SST 4.17 router.ts). */
function routerRequest(prices: PriceList): number {
  return prices.price("cloudfront.https.request") + prices.price("cloudfront.function.invocation") + 2 * prices.price("cloudfront.kvs.read");
}

function transferOut(bytes: number, prices: PriceList, viaRouter: number): number {
  return (bytes / GB) * (viaRouter * prices.price("cloudfront.transferOut.gb") + (1 - viaRouter) * prices.price("internet.transferOut.gb"));
}
