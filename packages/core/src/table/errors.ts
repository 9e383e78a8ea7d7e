import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  RequestLimitExceeded,
  ThrottlingException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import { DependencyUnavailableError } from "../errors";

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

/** Capacity spent: it comes back within a second or so (DynamoDB refills capacity per second). */
const THROTTLED_RETRY_SECONDS = 1;
/** The service or the way to it is down: give it a few seconds rather than hammer it. */
const UNREACHABLE_RETRY_SECONDS = 5;

const THROTTLING = [ProvisionedThroughputExceededException, RequestLimitExceeded, ThrottlingException];
/**
 * Node's codes for a connection that was refused, dropped or never made (what a client sees while
 * the endpoint is down or restarting); the SDK's own retry strategy treats the same codes as transient.
 */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** HTTP statuses DynamoDB answers when it cannot serve right now (ServiceUnavailable has no class of its own). */
const UNAVAILABLE_STATUSES = new Set([500, 502, 503, 504]);

/**
 * The one translation of "the table cannot serve this right now" into the domain's
 * DependencyUnavailableError (a 503 with Retry-After), or undefined for any other error, which
 * stays what it is. Throttling and server errors are matched by the SDK's classes; failures
 * below the service (no connection, a timeout) carry no service class, so by Node's error code
 * or the HTTP handler's timeout. Libraries that wrap SDK errors (Powertools' persistence layer)
 * keep them as `cause`, so the chain is followed a few links deep.
 */
export function tableUnavailability(error: unknown): DependencyUnavailableError | undefined {
  for (let link = error, depth = 0; link instanceof Error && depth < 5; link = link.cause, depth++) {
    if (THROTTLING.some((type) => link instanceof type) || throttledTransaction(link)) {
      return new DependencyUnavailableError("The service is busy; retry after the time in Retry-After.", THROTTLED_RETRY_SECONDS);
    }
    if (link instanceof InternalServerError || (link instanceof DynamoDBServiceException && UNAVAILABLE_STATUSES.has(link.$metadata.httpStatusCode ?? 0)) || unreachable(link)) {
      return new DependencyUnavailableError("The service is temporarily unavailable; retry after the time in Retry-After.", UNREACHABLE_RETRY_SECONDS);
    }
  }
  return undefined;
}

/** A transaction cancelled only because an item was throttled, not because a condition failed. */
function throttledTransaction(error: Error): boolean {
  const reasons = transactionCancellationReasons(error);
  return reasons !== undefined && reasons.includes("ThrottlingError") && reasons.every((code) => code === "ThrottlingError" || code === "None");
}

function unreachable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  // @smithy/node-http-handler's request and socket timeouts are plain Errors named TimeoutError (there is no class to match).
  return (typeof code === "string" && NETWORK_CODES.has(code)) || error.name === "TimeoutError";
}
