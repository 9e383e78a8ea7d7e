import type { IteratorPosition, StreamRecord, StreamSource } from "./source";

/** Both services name an iterator past its lifetime (DynamoDB: 15 minutes, Kinesis: 5) this way. */
const EXPIRED = "ExpiredIteratorException";
/** DynamoDB Streams: the position fell off the 24-hour retention. */
const TRIMMED = "TrimmedDataAccessException";

/**
 * Reads one shard forward. It remembers the last sequence number read, so an expired iterator
 * is replaced by one right after it and nothing is read twice or skipped.
 */
export class ShardReader {
  private iterator?: string;
  private lastRead?: string;
  private ended = false;
  private openedAt?: number;
  private previousReadAt?: number;
  private latestReadAt?: number;

  constructor(
    private readonly source: StreamSource,
    readonly shardId: string,
    private readonly start: IteratorPosition,
  ) {}

  /** The shard is closed and every record in it has been read. */
  get done(): boolean {
    return this.ended;
  }

  /** The sequence number of the last record read so far. */
  get lastSequenceNumber(): string | undefined {
    return this.lastRead;
  }

  /**
   * When the batching window of a record returned by the latest read starts, in epoch ms: when
   * it reached the stream, as closely as can be known. DynamoDB Local stamps records to the
   * minute only, so the start is the later of that stamp and the moment before which the record
   * cannot have been there: when the read before this one started (it would have been returned
   * by it), or, on a reader's first read, when the reader was opened. A record older than the
   * reader thus starts its window when the mapping starts reading it, as a new mapping gathers a
   * full window on AWS too; without that bound a first read that happened to come after a fresh
   * record would see its window long over and deliver it alone.
   */
  windowStart(record: StreamRecord): number {
    return Math.max(record.arrival.getTime(), this.previousReadAt ?? this.openedAt ?? 0);
  }

  /** Takes the first iterator now: a LATEST position means "from this moment". */
  async open(signal: AbortSignal): Promise<void> {
    this.openedAt ??= Date.now();
    this.iterator ??= await this.source.iterator(this.shardId, this.position(), signal);
  }

  async read(limit: number, signal: AbortSignal): Promise<StreamRecord[]> {
    await this.open(signal);
    this.previousReadAt = this.latestReadAt;
    this.latestReadAt = Date.now();
    let result;
    try {
      result = await this.source.read(this.shardId, this.iterator!, limit, signal);
    } catch (error) {
      const name = (error as Error).name;
      if (name === EXPIRED) {
        this.iterator = undefined;
        return [];
      }
      if (name === TRIMMED) {
        // What was not read yet is gone; Lambda too moves on to the oldest record left.
        this.iterator = await this.source.iterator(this.shardId, { type: "TRIM_HORIZON" }, signal);
        return [];
      }
      throw error;
    }
    const last = result.records.at(-1);
    if (last) this.lastRead = last.sequenceNumber;
    if (result.next) this.iterator = result.next;
    else this.ended = true;
    return result.records;
  }

  private position(): IteratorPosition {
    return this.lastRead ? { type: "AFTER_SEQUENCE_NUMBER", sequenceNumber: this.lastRead } : this.start;
  }
}
