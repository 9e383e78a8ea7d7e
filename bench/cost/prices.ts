/**
 * List prices as dated data (prices.<region>.json): each entry is `usd` per `per` units, with
 * the page it comes from. `price(key)` is the cost of one unit.
 */
import { readFileSync } from "node:fs";

export const PRICE_KEYS = [
  "lambda.request",
  "lambda.arm64.gbSecond",
  "apigateway.http.request",
  "cloudfront.https.request",
  "cloudfront.function.invocation",
  "cloudfront.kvs.read",
  "cloudfront.transferOut.gb",
  "internet.transferOut.gb",
  "dynamodb.onDemand.write",
  "dynamodb.onDemand.read",
  "sns.publish",
  "sqs.request",
  "kinesis.provisioned.shardHour",
  "kinesis.onDemand.streamHour",
  "kinesis.onDemand.ingestGb",
  "kinesis.onDemand.retrievalGb",
  "ses.email",
  "s3.put",
  "s3.get",
  "cloudwatch.logs.ingestGb",
  "cloudwatch.metric",
  "cloudwatch.alarmMetric",
  "cloudwatch.dashboard",
  "xray.trace",
] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

interface PriceEntry {
  usd: number;
  per: number;
  unit: string;
  source: string;
  "stand-in"?: boolean;
}

export interface PriceList {
  region: string;
  date: string;
  provenance: string;
  entries: Record<PriceKey, PriceEntry>;
  /** USD for one unit. */
  price(key: PriceKey): number;
}

export function loadPrices(file: string): PriceList {
  const data = JSON.parse(readFileSync(file, "utf8")) as { region: string; date: string; provenance: string; prices: Record<string, PriceEntry> };
  const missing = PRICE_KEYS.filter((key) => !(key in data.prices));
  if (missing.length > 0) throw new Error(`${file} has no price for ${missing.join(", ")}`);
  for (const [key, entry] of Object.entries(data.prices)) {
    if (!(entry.usd >= 0 && entry.per > 0 && entry.source.startsWith("https://"))) throw new Error(`${file}: ${key} needs usd ≥ 0, per > 0 and a source URL`);
  }
  const entries = data.prices as Record<PriceKey, PriceEntry>;
  return { region: data.region, date: data.date, provenance: data.provenance, entries, price: (key) => entries[key].usd / entries[key].per };
}
