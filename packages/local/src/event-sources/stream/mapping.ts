import { invokeBatch, type Attempt, type Invoke } from "../batch-result";
import type { RecordFilter } from "../filter";
import { Stopped, type Lifecycle } from "../lifecycle";
import type { MappingStats } from "../options";
import type { CheckpointStore } from "./checkpoints";
import { deliver, type RetryPolicy, type Segment } from "./delivery";
import { onFailureRecord } from "./on-failure";
import { ShardReader } from "./shard-reader";
import type { IteratorPosition, StartingPosition, StreamRecord, StreamSource } from "./source";

export interface StreamMappingConfig {
  functionName: string;
  functionArn: string;
  batchSize: number;
  batchingWindowMs: number;
  filter: RecordFilter;
  startingPosition: StartingPosition;
  policy: RetryPolicy;
  /** Sends one on-failure record; absent: batches given up are only logged, as Lambda drops them. */
  sendOnFailure?: (body: string) => Promise<void>;
  pollIntervalMs: number;
  retryDelayMs: number;
  /** Where the mapping resumes after a restart; the mapping's name keys its entries. */
  checkpoints: CheckpointStore;
  mappingName: string;
  invoke: Invoke;
  log: (line: string) => void;
  stats: MappingStats;
  lifecycle: Lifecycle;
}

/** Kinesis caps a GetRecords call at 10,000 records, DynamoDB Streams at 1,000. */
const MAX_READ = 1000;
const MAX_RETRY_DELAY_MS = 5000;
const ERROR_BACKOFF_MS = 1000;

/**
 * One event-source mapping on a stream: a poller per shard, each invoking the function with
 * its batches one at a time, in order. Shards that come from a split or merge are started once
 * their parents are read to the end, so records of a key stay in order across resharding.
 */
export class StreamMappingRunner {
  private readonly started = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly source: StreamSource,
    private readonly config: StreamMappingConfig,
  ) {}

  /** Opens the shards to read (so LATEST means from now), then polls them in the background. */
  async start(): Promise<void> {
    await this.discover(true);
  }

  /** Settles once every shard poller has ended, which happens after the lifecycle stops. */
  async ended(): Promise<void> {
    for (let settled = 0; settled < this.loops.length; settled = this.loops.length) {
      await Promise.all(this.loops);
    }
  }

  private async discover(initial: boolean): Promise<void> {
    const { lifecycle, startingPosition } = this.config;
    const shards = await this.source.listShards(lifecycle.signal);
    const listed = new Set(shards.map((shard) => shard.id));
    for (const shard of shards) {
      if (this.started.has(shard.id)) continue;
      let start: StartingPosition = "TRIM_HORIZON";
      if (initial && startingPosition === "LATEST") {
        // Nothing will ever arrive on a closed shard after now.
        if (shard.closed) continue;
        start = "LATEST";
      } else if (shard.parents.some((parent) => listed.has(parent) && !this.finished.has(parent))) {
        continue;
      }
      this.started.add(shard.id);
      this.loops.push(this.poll(await this.openShard(shard.id, { type: start })));
    }
  }

  /** A reader of the shard, right after its checkpoint when there is one (a restart), else at `start`. */
  private async openShard(shardId: string, start: IteratorPosition): Promise<ShardReader> {
    const { checkpoints, lifecycle, log } = this.config;
    const checkpoint = checkpoints.get(this.checkpointKey(shardId));
    if (checkpoint) {
      const reader = new ShardReader(this.source, shardId, { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: checkpoint });
      try {
        await reader.open(lifecycle.signal);
        log(`resuming shard ${shardId} after its checkpoint ${checkpoint}`);
        return reader;
      } catch (error) {
        if (lifecycle.stopped) throw new Stopped();
        log(`the checkpoint ${checkpoint} of shard ${shardId} cannot be resumed (${(error as Error).message}); starting at ${start.type}`);
        checkpoints.delete(this.checkpointKey(shardId));
      }
    }
    const reader = new ShardReader(this.source, shardId, start);
    await reader.open(lifecycle.signal);
    return reader;
  }

  private checkpointKey(shardId: string): string {
    return `${this.config.mappingName} ${this.source.arn} ${shardId}`;
  }

  /** The mapping is done with every record up to `sequenceNumber` on the shard. */
  private checkpoint(shardId: string, sequenceNumber: string | undefined): void {
    if (sequenceNumber) this.config.checkpoints.set(this.checkpointKey(shardId), sequenceNumber);
  }

  private async poll(reader: ShardReader): Promise<void> {
    const buffer: StreamRecord[] = [];
    try {
      for (;;) {
        const batch = await this.gather(reader, buffer);
        if (batch.length > 0) {
          await this.deliver(reader.shardId, batch);
          // With nothing buffered, records filtered out after the batch are done with too.
          this.checkpoint(reader.shardId, buffer.length === 0 ? reader.lastSequenceNumber : batch.at(-1)!.sequenceNumber);
        } else if (reader.done) break;
      }
      this.finished.add(reader.shardId);
      this.config.log(`shard ${reader.shardId} is closed and fully processed`);
      await this.discoverUntilDone();
    } catch (error) {
      if (error instanceof Stopped || this.config.lifecycle.stopped) return;
      this.config.log(`stopped polling shard ${reader.shardId}: ${(error as Error).stack ?? error}`);
    }
  }

  private async discoverUntilDone(): Promise<void> {
    for (;;) {
      try {
        return await this.discover(false);
      } catch (error) {
        if (this.config.lifecycle.stopped) throw new Stopped();
        this.config.log(`listing shards failed, retrying: ${(error as Error).message}`);
        await this.config.lifecycle.sleep(ERROR_BACKOFF_MS);
      }
    }
  }

  /**
   * The next batch: up to `batchSize` records that pass the filters, gathered for at most the
   * batching window after the first of them reached the stream (not after a poll happened to
   * see it: the window is not lengthened by the poll interval). Records filtered out are
   * simply not kept, so the checkpoint moves past them. Empty only when the shard is done.
   */
  private async gather(reader: ShardReader, buffer: StreamRecord[]): Promise<StreamRecord[]> {
    const { batchSize, batchingWindowMs, filter, lifecycle, stats } = this.config;
    let deadline = buffer.length > 0 ? Date.now() : undefined;
    let lastError: string | undefined;
    for (;;) {
      const due = deadline !== undefined && (Date.now() >= deadline || reader.done);
      if (buffer.length >= batchSize || (buffer.length > 0 && due)) return buffer.splice(0, batchSize);
      if (reader.done) return [];
      let read: StreamRecord[];
      try {
        read = await reader.read(Math.min(MAX_READ, batchSize - buffer.length), lifecycle.signal);
      } catch (error) {
        if (lifecycle.stopped) throw new Stopped();
        const message = (error as Error).message;
        // One line per distinct problem, not one per poll.
        if (message !== lastError) this.config.log(`reading shard ${reader.shardId} failed, retrying: ${message}`);
        lastError = message;
        await lifecycle.sleep(ERROR_BACKOFF_MS);
        continue;
      }
      for (const record of read) {
        if (filter(record.filterSubject)) buffer.push(record);
        else stats.recordsFiltered++;
      }
      if (buffer.length > 0) deadline ??= reader.windowStart(buffer[0]!) + batchingWindowMs;
      // Only filtered-out records so far: done with them, so a restart does not read them again.
      else if (read.length > 0) this.checkpoint(reader.shardId, reader.lastSequenceNumber);
      if (read.length === 0 && !reader.done) {
        const wait = deadline === undefined ? this.config.pollIntervalMs : Math.min(this.config.pollIntervalMs, deadline - Date.now());
        await lifecycle.sleep(wait);
      }
    }
  }

  private deliver(shardId: string, batch: StreamRecord[]): Promise<void> {
    const { functionName, invoke, lifecycle, stats, policy, retryDelayMs } = this.config;
    return deliver(batch, policy, {
      invoke: async (records) => {
        stats.invocations++;
        stats.recordsDelivered += records.length;
        const attempt = await invokeBatch(
          invoke,
          functionName,
          records.map((record) => record.lambda),
          records.map((record) => record.sequenceNumber),
          lifecycle,
        );
        if (attempt.result.status !== "success") {
          stats.batchFailures++;
          this.config.log(`${functionName} failed a batch of ${records.length} from ${shardId} at ${records[0]!.sequenceNumber}: ${describe(attempt)}`);
        }
        return attempt;
      },
      exhausted: (segment, last) => this.giveUp(shardId, segment, last),
      backoff: (retries) => lifecycle.sleep(Math.min(retryDelayMs * 2 ** (retries - 1), MAX_RETRY_DELAY_MS)),
    });
  }

  private async giveUp(shardId: string, segment: Segment, last: Attempt): Promise<void> {
    const { sendOnFailure, stats, log } = this.config;
    const range = `${segment.records[0]!.sequenceNumber}..${segment.records.at(-1)!.sequenceNumber}`;
    if (!sendOnFailure) {
      log(`retries exhausted, skipping ${segment.records.length} records ${range} of ${shardId} (no on-failure destination)`);
      return;
    }
    const record = onFailureRecord(this.source, shardId, this.config.functionArn, segment, last);
    await sendOnFailure(JSON.stringify(record));
    stats.sentToOnFailure += segment.records.length;
    log(`retries exhausted, sent ${segment.records.length} records ${range} of ${shardId} to the on-failure destination`);
  }
}

function describe({ result }: Attempt): string {
  if (result.status === "partial") return `item failures ${result.failed.join(", ")}`;
  if (result.status === "failed") return result.reason;
  return "success";
}
