import {
  BodyTooLargeError,
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  MalformedBodyError,
  NotFoundError,
  PreconditionFailedError,
  RequestInProgressError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
  fieldIssueSchema,
  type FieldIssue,
} from "@emporium/core/errors";
import * as v from "valibot";
import { json, type ApiResponse } from "./response";

/**
 * The one error mapper: every failure becomes an RFC 9457 problem document. Each domain error
 * class has one row below (its status, title and the headers it sets); the error's message is
 * the detail. Anything else is a fault and says nothing about why.
 */
/** RFC 9457 problem details, as every error of this API is reported (and the OpenAPI document describes). */
export const problemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.string(),
  requestId: v.string(),
  errors: v.optional(v.array(fieldIssueSchema)),
});
export type Problem = v.InferOutput<typeof problemSchema>;

interface Mapping<E extends DomainError> {
  status: number;
  title: string;
  headers?: (error: E) => Record<string, string>;
}

type ErrorClass<E extends DomainError> = abstract new (...args: never[]) => E;
/** One row: the class, and how its instances (exactly that class) answer. */
const row = <E extends DomainError>(type: ErrorClass<E>, { status, title, headers }: Mapping<E>): [ErrorClass<DomainError>, Mapping<DomainError>] => [
  type,
  { status, title, ...(headers ? { headers: (error: DomainError) => headers(error as E) } : {}) },
];
const retryAfter = (error: { retryAfterSeconds: number }) => ({ "retry-after": String(error.retryAfterSeconds) });

const PROBLEMS = new Map([
  row(MalformedBodyError, { status: 400, title: "Malformed JSON" }),
  row(UnauthenticatedError, { status: 401, title: "Unauthorized", headers: () => ({ "www-authenticate": "Bearer" }) }),
  row(ForbiddenError, { status: 403, title: "Forbidden" }),
  row(NotFoundError, { status: 404, title: "Not found" }),
  row(ConflictError, { status: 409, title: "Conflict" }),
  row(RequestInProgressError, { status: 409, title: "Request in progress", headers: retryAfter }),
  row(PreconditionFailedError, { status: 412, title: "Precondition failed" }),
  row(BodyTooLargeError, { status: 413, title: "Payload too large" }),
  row(UnsupportedMediaTypeError, { status: 415, title: "Unsupported media type", headers: () => ({ accept: "application/json" }) }),
  row(ValidationError, { status: 422, title: "Invalid request" }),
  row(IdempotencyKeyReusedError, { status: 422, title: "Idempotency key reused" }),
  row(TooManyRequestsError, { status: 429, title: "Too many requests", headers: retryAfter }),
  row(DependencyUnavailableError, { status: 503, title: "Service unavailable", headers: retryAfter }),
]);

const FAULT: Mapping<DomainError> = { status: 500, title: "Internal error" };
const typeFor = (status: number) => `https://emporium.dev/problems/${status}`;

export function problem(error: unknown, requestId: string): ApiResponse {
  const mapping = error instanceof DomainError ? PROBLEMS.get(error.constructor as ErrorClass<DomainError>) : undefined;
  if (!mapping) return render(FAULT, "The request failed because of a fault on our side.", requestId, {});
  const domain = error as DomainError;
  return render(mapping, domain.message, requestId, mapping.headers?.(domain) ?? {}, domain instanceof ValidationError ? domain.issues : undefined);
}

function render(mapping: Mapping<DomainError>, detail: string, requestId: string, headers: Record<string, string>, errors?: FieldIssue[]): ApiResponse {
  const { status, title } = mapping;
  const body: Problem = { type: typeFor(status), title, status, detail, requestId, ...(errors ? { errors } : {}) };
  return json(status, body, { ...headers, "content-type": "application/problem+json" });
}

