import { randomUUID } from "node:crypto";
import type { Lifecycle } from "./lifecycle";

/**
 * How one invocation with a batch went, read the way Lambda reads a function's answer when the
 * mapping reports batch item failures (every consumer here does).
 */
export type BatchResult =
  | { status: "success" }
  /** The function named these records (non-empty) as failed; the rest succeeded. */
  | { status: "partial"; failed: string[] }
  /** The whole batch failed: the function threw or timed out (`functionError`), or answered nonsense. */
  | { status: "failed"; reason: string; functionError?: "Unhandled" };

export interface Attempt {
  result: BatchResult;
  /** Stands for the invocation's request id in on-failure records. */
  requestId: string;
}

export type Invoke = (functionName: string, event: unknown) => Promise<unknown>;

/** Invokes the function with one batch; a function error or timeout is a result, not an exception. */
export async function invokeBatch(
  invoke: Invoke,
  functionName: string,
  records: readonly unknown[],
  identifiers: readonly string[],
  lifecycle: Lifecycle,
): Promise<Attempt> {
  const requestId = randomUUID();
  let response: unknown;
  try {
    response = await lifecycle.race(invoke(functionName, { Records: records }));
  } catch (error) {
    if (lifecycle.stopped) throw error;
    // FunctionError and FunctionTimeoutError alike: Lambda reports both as "Unhandled".
    return { requestId, result: { status: "failed", reason: (error as Error).message, functionError: "Unhandled" } };
  }
  return { requestId, result: readResponse(response, new Set(identifiers)) };
}

/**
 * `{batchItemFailures: [{itemIdentifier}]}` names failed records; no list, `null` or `[]` means
 * all succeeded. An identifier that is empty or names no record of the batch fails the whole
 * batch, as Lambda does.
 */
export function readResponse(response: unknown, identifiers: ReadonlySet<string>): BatchResult {
  if (typeof response !== "object" || response === null || !("batchItemFailures" in response)) return { status: "success" };
  const failures = (response as { batchItemFailures: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { status: "success" };
  if (!Array.isArray(failures)) return { status: "failed", reason: "batchItemFailures is not a list" };
  if (failures.length === 0) return { status: "success" };
  const failed: string[] = [];
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== "string" || !identifiers.has(identifier)) {
      return { status: "failed", reason: `batchItemFailures names an unknown item ${JSON.stringify(identifier ?? null)}` };
    }
    failed.push(identifier);
  }
  return { status: "partial", failed };
}
