/**
 * Domain errors. Core code throws these; the HTTP layer maps each to exactly one problem
 * response (packages/functions/src/http/problem.ts). Anything else is a fault (500).
 */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `lines.0.quantity`; empty for the whole body. */
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly status = 422;
  readonly title = "Invalid request";
  constructor(readonly issues: FieldIssue[], message = "One or more fields are invalid.") {
    super(message);
  }
}

/** The caller's credentials are missing, wrong or no longer valid. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly title = "Unauthorized";
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly title = "Forbidden";
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly title = "Not found";
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly title = "Conflict";
}

/** The client's copy is stale: it changed since the version the client sent in If-Match. */
export class PreconditionFailedError extends DomainError {
  readonly status = 412;
  readonly title = "Precondition failed";
}

export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  readonly title = "Too many requests";
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
