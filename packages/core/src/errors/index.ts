/**
 * Domain errors: the only error classes the application throws on purpose. Each names an
 * outcome the caller caused or can act on; the HTTP layer maps each class to one problem
 * response (packages/functions/src/http/problem.ts, one table). Anything else is a fault.
 */
import * as v from "valibot";

export const fieldIssueSchema = v.object({
  /** Dotted path of the offending field, e.g. `lines.0.quantity`; empty for the whole body. */
  path: v.string(),
  message: v.string(),
});
export type FieldIssue = v.InferOutput<typeof fieldIssueSchema>;

export abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request's fields break the rules; `issues` names each one. */
export class ValidationError extends DomainError {
  constructor(
    readonly issues: FieldIssue[],
    message = "One or more fields are invalid.",
  ) {
    super(message);
  }
}

/** The body is not the JSON it claims to be. */
export class MalformedBodyError extends DomainError {}

/** The body is larger than the API takes. */
export class BodyTooLargeError extends DomainError {}

/** The body is not in a media type the API reads (JSON). */
export class UnsupportedMediaTypeError extends DomainError {}

/** The caller's credentials are missing, wrong or no longer valid. */
export class UnauthenticatedError extends DomainError {}

/** The caller is known, and not allowed to do this. */
export class ForbiddenError extends DomainError {}

export class NotFoundError extends DomainError {}

/** The thing is not in a state that allows this (an order already confirmed, a name taken). */
export class ConflictError extends DomainError {}

/** The client's copy is stale: it changed since the version the client sent in If-Match. */
export class PreconditionFailedError extends DomainError {}

/** An Idempotency-Key sent again with another request (method, path or body) than its first. */
export class IdempotencyKeyReusedError extends DomainError {}

/** The first request with this Idempotency-Key is still running. */
export class RequestInProgressError extends DomainError {
  readonly retryAfterSeconds = 1;
}

/** A limit or quota is spent; it allows another attempt after `retryAfterSeconds`. */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * Something the request needs (the table) cannot be reached or is overloaded right now: nothing
 * the caller did, and worth another attempt after `retryAfterSeconds`.
 */
export class DependencyUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
