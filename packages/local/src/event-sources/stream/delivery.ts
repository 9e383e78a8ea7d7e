import type { Attempt } from "../batch-result";
import type { StreamRecord } from "./source";

export interface RetryPolicy {
  /** On a whole-batch failure, split the batch in two and retry the halves, first half first. */
  bisectOnError: boolean;
  /** Retries before a batch is given up; negative means until the records expire (Lambda's -1). */
  maximumRetryAttempts: number;
}

/** Records still to deliver, with what has happened to them so far. */
export interface Segment {
  records: StreamRecord[];
  /** Retries spent: failed invocations of these records that were not answered by a split. */
  retries: number;
  /** Invocations that included these records (Lambda's approximateInvokeCount). */
  invocations: number;
}

export interface DeliveryHooks {
  invoke(records: StreamRecord[]): Promise<Attempt>;
  /** The segment's retries are spent: report it to the on-failure destination and move past it. */
  exhausted(segment: Segment, last: Attempt): Promise<void>;
  /** Waits before the `retries`-th retry. */
  backoff(retries: number): Promise<void>;
}

/**
 * Delivers one batch read from a shard with Lambda's semantics for stream sources, and returns
 * once every record in it has either succeeded or been given up; records after it on the
 * shard wait until then, so order per shard holds and a poison record delays them only for
 * its retries.
 * - success: the checkpoint moves past the batch;
 * - batch item failures: the checkpoint moves to just before the lowest failed sequence number
 *   and the records from there on are retried (one retry);
 * - function error or timeout: with bisectOnError the batch is split in two and the halves are
 *   retried in order without spending a retry (Lambda's docs: splitting does not count towards
 *   the retry quota), so a lone failing record ends up retried on its own; without it the
 *   whole batch is retried;
 * - once a segment has been retried `maximumRetryAttempts` times and fails again, it goes to
 *   `exhausted` and the shard moves on.
 */
export async function deliver(records: StreamRecord[], policy: RetryPolicy, hooks: DeliveryHooks): Promise<void> {
  const pending: Segment[] = [{ records, retries: 0, invocations: 0 }];
  while (pending.length > 0) {
    const segment = pending.shift()!;
    const attempt = await hooks.invoke(segment.records);
    segment.invocations++;
    const { result } = attempt;
    if (result.status === "success") continue;

    let retry: Segment;
    if (result.status === "partial") {
      const failed = new Set(result.failed);
      const from = segment.records.findIndex((record) => failed.has(record.sequenceNumber));
      retry = { records: segment.records.slice(from), retries: segment.retries + 1, invocations: segment.invocations };
    } else if (policy.bisectOnError && segment.records.length > 1) {
      const half = Math.ceil(segment.records.length / 2);
      const { retries, invocations } = segment;
      pending.unshift({ records: segment.records.slice(0, half), retries, invocations }, { records: segment.records.slice(half), retries, invocations });
      continue;
    } else {
      retry = { ...segment, retries: segment.retries + 1 };
    }

    if (policy.maximumRetryAttempts >= 0 && retry.retries > policy.maximumRetryAttempts) {
      await hooks.exhausted(retry, attempt);
      continue;
    }
    await hooks.backoff(retry.retries);
    pending.unshift(retry);
  }
}
