/**
 * What a preview stage (`pr-<n>`) costs per day while nobody uses it: the parts of the bill that
 * run whatever the traffic, with the capacity infra gives previews (infra/settings.ts
 * `stageCapacity`): provisioned Kinesis shards instead of an on-demand stream, no dashboard.
 * Alarms, Lambda's idle SQS polling and the scheduled functions cost what they cost anywhere.
 */
import { stageCapacity } from "../../infra/settings";
import { HOURS_PER_MONTH, type StandingFacts } from "./monthly";
import { operationCost, type Model } from "./operation-cost";
import { total } from "./services";

const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

export interface PreviewDayLine {
  what: string;
  usd: number;
}

export function previewDay(model: Model, facts: StandingFacts, stage = "pr-1"): PreviewDayLine[] {
  const price = model.prices.price;
  const capacity = stageCapacity(stage);
  const lines: PreviewDayLine[] = [];
  if (capacity.streams.mode === "provisioned") {
    const shards = facts.kinesisStreams * capacity.streams.shards;
    lines.push({ what: `Kinesis: ${shards} provisioned shard${shards === 1 ? "" : "s"} × 24 h`, usd: shards * 24 * price("kinesis.provisioned.shardHour") });
  } else {
    lines.push({ what: `Kinesis: ${facts.kinesisStreams} on-demand stream × 24 h`, usd: facts.kinesisStreams * 24 * price("kinesis.onDemand.streamHour") });
  }
  lines.push({ what: `CloudWatch: ${facts.alarmMetrics} alarm metrics`, usd: (facts.alarmMetrics * price("cloudwatch.alarmMetric")) / DAYS_PER_MONTH });
  if (capacity.dashboard) lines.push({ what: "CloudWatch: the dashboard", usd: price("cloudwatch.dashboard") / DAYS_PER_MONTH });
  const receives = facts.sqsMappings * model.mix.sqsPollersPerQueue * 3 * 60 * 24;
  lines.push({ what: `SQS: Lambda's idle polling (${facts.sqsMappings} queues × ${model.mix.sqsPollersPerQueue} pollers × 3 receives/min)`, usd: receives * price("sqs.request") });
  for (const schedule of facts.schedules) {
    const name = Object.keys(schedule.usage.functions).join(", ");
    const runs = schedule.perMonth / DAYS_PER_MONTH;
    lines.push({ what: `scheduled ${name} (${Math.round(runs)} runs)`, usd: total(operationCost(schedule.usage, model)) * runs });
  }
  return lines;
}
