import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { invokeBatch, type Invoke } from "./batch-result";
import type { RecordFilter } from "./filter";
import { sqsFilterSubject } from "./filter-subject";
import { Stopped, type Lifecycle } from "./lifecycle";
import type { MappingStats } from "./options";
import { toLambdaSQSRecord, type SQSRecordJson } from "./sqs-record";

export interface QueueMappingConfig {
  queueUrl: string;
  functionName: string;
  region: string;
  batchSize: number;
  batchingWindowMs: number;
  filter: RecordFilter;
  invoke: Invoke;
  log: (line: string) => void;
  stats: MappingStats;
  lifecycle: Lifecycle;
}

/** Long polls stay short so that even a poller without an abort signal would stop within seconds. */
const WAIT_SECONDS = 2;
/** SQS's limits per ReceiveMessage and per DeleteMessageBatch. */
const SQS_MAX = 10;
const ERROR_BACKOFF_MS = 1000;

/**
 * One event-source mapping on an SQS queue, as Lambda runs it with ReportBatchItemFailures:
 * success deletes the batch; reported item failures delete all but those; a function error or
 * timeout deletes nothing. What is not deleted becomes visible again after the queue's
 * visibility timeout, and the queue's own redrive policy moves it to the dead-letter queue:
 * the poller never moves messages itself. Messages no filter matches are deleted unseen.
 */
export class QueueMappingRunner {
  private queueArn = "";
  private loop?: Promise<void>;

  constructor(
    private readonly sqs: SQSClient,
    private readonly config: QueueMappingConfig,
  ) {}

  /** Looks up the queue's ARN (the records' eventSourceARN), then polls in the background. */
  async start(): Promise<void> {
    const { Attributes } = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.config.queueUrl, AttributeNames: ["QueueArn"] }), {
      abortSignal: this.config.lifecycle.signal,
    });
    if (!Attributes?.QueueArn) throw new Error(`queue ${this.config.queueUrl} has no ARN`);
    this.queueArn = Attributes.QueueArn;
    this.loop = this.poll();
  }

  async ended(): Promise<void> {
    await this.loop;
  }

  private async poll(): Promise<void> {
    const { lifecycle, log } = this.config;
    let lastError: string | undefined;
    while (!lifecycle.stopped) {
      try {
        const messages = await this.gather();
        if (messages.length > 0) await this.process(messages);
        lastError = undefined;
      } catch (error) {
        if (error instanceof Stopped || lifecycle.stopped) return;
        const message = (error as Error).message;
        if (message !== lastError) log(`polling ${this.config.queueUrl} failed, retrying: ${message}`);
        lastError = message;
        await lifecycle.sleep(ERROR_BACKOFF_MS).catch(() => undefined);
      }
    }
  }

  /** Up to `batchSize` messages: one long poll, then more receives while the batching window lasts. */
  private async gather(): Promise<Message[]> {
    const { batchSize, batchingWindowMs, lifecycle } = this.config;
    const batch = await this.receive(Math.min(SQS_MAX, batchSize), WAIT_SECONDS);
    const deadline = Date.now() + batchingWindowMs;
    while (batch.length > 0 && batch.length < batchSize && Date.now() < deadline) {
      const waitSeconds = Math.min(WAIT_SECONDS, Math.floor((deadline - Date.now()) / 1000));
      const more = await this.receive(Math.min(SQS_MAX, batchSize - batch.length), waitSeconds);
      batch.push(...more);
      if (more.length === 0 && waitSeconds === 0) await lifecycle.sleep(Math.min(100, deadline - Date.now()));
    }
    return batch;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    const { Messages = [] } = await this.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.config.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        AttributeNames: ["All"],
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
      { abortSignal: this.config.lifecycle.signal },
    );
    if (Messages.length > 0) this.config.stats.receives++;
    else this.config.stats.emptyReceives++;
    return Messages;
  }

  private async process(messages: Message[]): Promise<void> {
    const { filter, functionName, invoke, lifecycle, log, region, stats } = this.config;
    const records = messages.map((message) => toLambdaSQSRecord(message, this.queueArn, region));
    const delivered: SQSRecordJson[] = [];
    const dropped: SQSRecordJson[] = [];
    for (const record of records) (filter(sqsFilterSubject(record)) ? delivered : dropped).push(record);
    stats.recordsFiltered += dropped.length;
    await this.delete(dropped);
    if (delivered.length === 0) return;

    stats.invocations++;
    stats.recordsDelivered += delivered.length;
    const ids = delivered.map((record) => record.messageId);
    const { result } = await invokeBatch(invoke, functionName, delivered, ids, lifecycle);
    if (result.status === "success") return this.delete(delivered);
    stats.batchFailures++;
    if (result.status === "partial") {
      const failed = new Set(result.failed);
      log(`${functionName} failed ${failed.size} of ${delivered.length} messages; they return after the visibility timeout`);
      return this.delete(delivered.filter((record) => !failed.has(record.messageId)));
    }
    log(`${functionName} failed a batch of ${delivered.length} messages (${result.reason}); they return after the visibility timeout`);
  }

  private async delete(records: SQSRecordJson[]): Promise<void> {
    for (let index = 0; index < records.length; index += SQS_MAX) {
      const chunk = records.slice(index, index + SQS_MAX);
      const { Failed = [] } = await this.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.config.queueUrl,
          Entries: chunk.map((record, position) => ({ Id: String(position), ReceiptHandle: record.receiptHandle })),
        }),
        { abortSignal: this.config.lifecycle.signal },
      );
      this.config.stats.deleteBatches++;
      for (const failure of Failed) this.config.log(`could not delete a message: ${failure.Code} ${failure.Message ?? ""}`);
    }
  }
}
