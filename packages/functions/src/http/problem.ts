import { DomainError, TooManyRequestsError, UnauthenticatedError, ValidationError, type FieldIssue } from "@emporium/core/errors";
import { json, type Response } from "./response";

/**
 * The one error mapper: every failure becomes an RFC 9457 problem document. Domain errors and
 * request errors say what went wrong; anything else is a fault and says nothing about why.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  requestId: string;
  errors?: FieldIssue[];
}

const typeFor = (status: number) => `https://emporium.dev/problems/${status}`;

export function problem(error: unknown, requestId: string): Response {
  if (error instanceof ValidationError) return render(error.status, error.title, error.message, requestId, {}, error.issues);
  if (error instanceof TooManyRequestsError) {
    return render(error.status, error.title, error.message, requestId, { "retry-after": String(error.retryAfterSeconds) });
  }
  if (error instanceof UnauthenticatedError) {
    return render(error.status, error.title, error.message, requestId, { "www-authenticate": "Bearer" });
  }
  if (error instanceof DomainError) return render(error.status, error.title, error.message, requestId);
  if (error instanceof HttpError) return render(error.status, error.title, error.message, requestId, error.headers);
  // Powertools idempotency's outcomes, known by name so that only idempotent routes bundle it.
  if (error instanceof Error && error.name === "IdempotencyValidationError") {
    return render(
      422,
      "Idempotency key reused",
      "This Idempotency-Key was already used for a different request (another method, path or body); use a new key for a new request.",
      requestId,
    );
  }
  if (error instanceof Error && error.name === "IdempotencyAlreadyInProgressError") {
    return render(409, "Request in progress", "A request with this Idempotency-Key is still being processed; retry shortly.", requestId, { "retry-after": "1" });
  }
  return render(500, "Internal error", "The request failed because of a fault on our side.", requestId);
}

function render(
  status: number,
  title: string,
  detail: string,
  requestId: string,
  headers: Record<string, string> = {},
  errors?: FieldIssue[],
): Response {
  const body: Problem = { type: typeFor(status), title, status, detail, requestId, ...(errors ? { errors } : {}) };
  return json(status, body, { ...headers, "content-type": "application/problem+json" });
}
