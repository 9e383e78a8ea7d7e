/**
 * Local event-source mappings: pollers that read DynamoDB Streams (DynamoDB Local), Kinesis
 * (kinesis-local) and SQS (fauxqs) and invoke the consumer functions with the events Lambda
 * would deliver, with Lambda's batching, filtering, partial-failure, retry, bisect and
 * on-failure semantics. The emulators' differences from AWS are smoothed out in the record
 * builders, so a handler sees AWS's shapes.
 */
import { executionRoleArn, functionArn } from "./arns";
import { Clients } from "./clients";
import { DynamoDBStreamSource } from "./dynamodb-source";
import { compileFilters } from "./filter";
import { KinesisStreamSource } from "./kinesis-source";
import { Lifecycle } from "./lifecycle";
import { onFailureQueue } from "./on-failure-queue";
import type { EventSourceMapping, EventSources, EventSourcesOptions, MappingStats, QueueMapping, StreamMapping } from "./options";
import { QueueMappingRunner } from "./sqs-mapping";
import { CheckpointStore } from "./stream/checkpoints";
import { StreamMappingRunner } from "./stream/mapping";
import type { StreamSource } from "./stream/source";

export type * from "./options";
export { compileFilters, InvalidFilter } from "./filter";

interface Runner {
  start(): Promise<void>;
  ended(): Promise<void>;
}

/**
 * Starts every mapping and resolves once each is polling: its source is found (a missing
 * table, stream or queue rejects here) and, for streams, its shards are open, so a LATEST
 * mapping sees every record written after this resolves.
 */
export async function startEventSources(options: EventSourcesOptions): Promise<EventSources> {
  const lifecycle = new Lifecycle();
  const clients = new Clients(options);
  const stats: Record<string, MappingStats> = {};
  const runners: Runner[] = [];
  const checkpoints = new CheckpointStore(options.checkpointFile);
  const stop = async () => {
    lifecycle.stop();
    await Promise.all(runners.map((runner) => runner.ended()));
    clients.destroy();
  };

  for (const mapping of options.mappings) {
    if (stats[mapping.name]) throw new Error(`two event-source mappings are named ${mapping.name}`);
    if (!Number.isInteger(mapping.batchSize) || mapping.batchSize < 1) throw new Error(`${mapping.name}: batchSize must be a positive integer`);
    stats[mapping.name] = { invocations: 0, recordsDelivered: 0, recordsFiltered: 0, batchFailures: 0, sentToOnFailure: 0, receives: 0, emptyReceives: 0, deleteBatches: 0 };
  }
  // Mappings start at once: each waits only on its own source's first answers.
  const starting = options.mappings.map((mapping) =>
    withMappingName(mapping.name, async () => {
      const runner = await createRunner(mapping, options, clients, lifecycle, stats[mapping.name]!, checkpoints);
      runners.push(runner);
      await runner.start();
      options.log(`esm:${mapping.name}`, `polling ${describeSource(mapping)} for ${mapping.functionName}`);
    }),
  );
  const failed = (await Promise.allSettled(starting)).find((outcome) => outcome.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }

  return { stop, stats: () => structuredClone(stats) };
}

async function createRunner(
  mapping: EventSourceMapping,
  options: EventSourcesOptions,
  clients: Clients,
  lifecycle: Lifecycle,
  stats: MappingStats,
  checkpoints: CheckpointStore,
): Promise<Runner> {
  const shared = common(mapping, options, lifecycle, stats);
  if (isQueueMapping(mapping)) {
    return new QueueMappingRunner(clients.sqs, { ...shared, queueUrl: mapping.source.queueUrl, region: options.region });
  }
  return new StreamMappingRunner(await streamSource(mapping, options, clients, lifecycle), {
    ...shared,
    functionArn: mapping.functionArn ?? functionArn(options.region, mapping.functionName),
    startingPosition: mapping.source.startingPosition,
    policy: { bisectOnError: mapping.bisectOnError ?? false, maximumRetryAttempts: mapping.maximumRetryAttempts ?? -1 },
    sendOnFailure: onFailure(mapping, options, clients, lifecycle),
    pollIntervalMs: options.pollIntervalMs ?? (mapping.source.kind === "kinesis" ? 1000 : 100),
    retryDelayMs: options.retryDelayMs ?? 250,
    checkpoints,
    mappingName: mapping.name,
  });
}

function isQueueMapping(mapping: EventSourceMapping): mapping is QueueMapping {
  return mapping.source.kind === "sqs";
}

/** What every mapping shares: its function, batching, filters, and where it logs and counts. */
function common(mapping: EventSourceMapping, options: EventSourcesOptions, lifecycle: Lifecycle, stats: MappingStats) {
  const window = mapping.batchingWindowSeconds ?? 0;
  return {
    functionName: mapping.functionName,
    batchSize: mapping.batchSize,
    batchingWindowMs: window * 1000,
    filter: compileFilters(mapping.filters),
    invoke: options.invoke,
    log: (line: string) => options.log(`esm:${mapping.name}`, line),
    stats,
    lifecycle,
  };
}

async function streamSource(mapping: StreamMapping, options: EventSourcesOptions, clients: Clients, lifecycle: Lifecycle): Promise<StreamSource> {
  const { source } = mapping;
  if (source.kind === "dynamodb") {
    return DynamoDBStreamSource.open(clients.dynamodb, clients.streams, source, options.region, lifecycle.signal);
  }
  return KinesisStreamSource.open(clients.kinesis, source, options.region, executionRoleArn(mapping.functionName), lifecycle.signal);
}

function onFailure(mapping: StreamMapping, options: EventSourcesOptions, clients: Clients, lifecycle: Lifecycle) {
  if (!mapping.onFailureQueueUrl) return undefined;
  return onFailureQueue(clients.sqs, mapping.onFailureQueueUrl, lifecycle, (line) => options.log(`esm:${mapping.name}`, line));
}

function describeSource(mapping: EventSourceMapping): string {
  const { source } = mapping;
  if (source.kind === "sqs") return `queue ${source.queueUrl}`;
  if (source.kind === "kinesis") return `Kinesis stream ${source.streamName} (${source.startingPosition})`;
  return `the stream of table ${source.tableName} (${source.startingPosition})`;
}

/** Startup errors name the mapping they are about (a bad filter, a missing table or queue). */
async function withMappingName(name: string, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    throw new Error(`event-source mapping ${name}: ${(error as Error).message}`, { cause: error });
  }
}
