import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";

/** Narrowing helpers for the two DynamoDB failures that are business outcomes, not faults. */
export function isConditionalCheckFailure(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof ConditionalCheckFailedException;
}

/**
 * The per-item cancellation codes of a failed `TransactWriteItems`, in request order
 * (`"None"` for items that were fine), or undefined when the error is not a cancellation.
 */
export function transactionCancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
}
