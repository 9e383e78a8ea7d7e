/**
 * The parts of the bill that run whatever the traffic, counted from the manifest the same way
 * infra builds them: streams, SQS-fed mappings, and the alarms of infra/monitoring.ts (keep the
 * two in step: one line per alarm there).
 */
import { consumers, kinesisStreams, queues, type ConsumerSpec } from "../../packages/functions/src/manifest";

const consumerSpecs = Object.values(consumers as Record<string, ConsumerSpec>);

export const kinesisStreamCount = Object.keys(kinesisStreams).length;
export const sqsMappingCount = consumerSpecs.filter((spec) => spec.source.kind === "sqs").length;

/** Metrics the alarms read; CloudWatch bills an alarm per metric it reads. */
export function alarmMetricCount(): number {
  const apiErrorRate = 2; // 5xx and Count, combined by metric math
  const apiLatency = 1;
  const throttles = 1;
  const deadLetters = Object.values(queues).filter((spec) => "deadLetter" in spec).length;
  const failureQueues = new Set(consumerSpecs.flatMap((spec) => (spec.onFailure ? [spec.onFailure] : []))).size;
  const iteratorAge = consumerSpecs.filter((spec) => spec.source.kind !== "sqs").length;
  return apiErrorRate + apiLatency + throttles + deadLetters + failureQueues + iteratorAge;
}
