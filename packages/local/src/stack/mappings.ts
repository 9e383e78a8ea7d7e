import { consumersFor } from "@emporium/functions/manifest";
import type { EventSourceMapping } from "../event-sources";
import type { MessagingResources } from "../provision/messaging";
import { APP, REGION } from "./environment";
import { localFunctionName } from "../functions/host";
import { functionArn } from "../local-account";

/**
 * The manifest's consumers, with `stage`'s settings (the local stage's by default), as local
 * event-source mappings with their sources' physical addresses.
 */
export function eventSourceMappings(table: { tableName: string; streamArn?: string }, messaging: MessagingResources, stage: string = APP.stage): EventSourceMapping[] {
  return Object.values(consumersFor(stage)).map((spec) => {
    const common = {
      name: spec.name,
      functionName: spec.name,
      functionArn: functionArn(REGION, localFunctionName(spec.name)),
      batchSize: spec.batchSize,
      batchingWindowSeconds: spec.batchingWindowSeconds,
      filters: spec.filters,
    };
    const streamRetries = {
      bisectOnError: spec.bisectOnError,
      maximumRetryAttempts: spec.maximumRetryAttempts,
      onFailureQueueUrl: spec.onFailure ? messaging.queues[spec.onFailure].url : undefined,
    };
    switch (spec.source.kind) {
      case "dynamodb":
        return { ...common, ...streamRetries, source: { kind: "dynamodb", ...table, startingPosition: spec.source.startingPosition } };
      case "kinesis":
        return {
          ...common,
          ...streamRetries,
          source: {
            kind: "kinesis",
            streamName: messaging.kinesisStreams[spec.source.stream].name,
            streamArn: messaging.kinesisStreams[spec.source.stream].arn,
            startingPosition: spec.source.startingPosition,
          },
        };
      case "sqs":
        return { ...common, source: { kind: "sqs", queueUrl: messaging.queues[spec.source.queue].url } };
    }
  });
}
