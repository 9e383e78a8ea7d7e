/** Narrowing helpers for the two DynamoDB failures that are business outcomes, not faults. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/**
 * The per-item cancellation codes of a failed `TransactWriteItems`, in request order
 * (`"None"` for items that were fine), or undefined when the error is not a cancellation.
 */
export function transactionCancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Code ?? "None");
}
