import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from "@emporium/core/errors";
import * as Limits from "@emporium/core/limits";
import type { ApiRequest } from "./request";

/**
 * Spends one request of the caller's limits, whatever the authorizer (or its cache) decided,
 * and sets the `RateLimit-*` headers of the response, refusals included. Refusals: 429 over
 * the limit or quota; a revoked credential gets what API Gateway gives for a refused one
 * (401 for user sessions, 403 for API keys).
 */
export async function spend(request: ApiRequest): Promise<void> {
  const { caller } = request;
  const decision = await Limits.consume(caller.subject, caller.limits, caller.issuedAtMs);
  request.rateLimit = rateLimitHeaders(decision);
  if (decision.allowed) return;
  if (decision.reason === "revoked") {
    throw caller.kind === "apiKey" ? new ForbiddenError("This API key has been revoked.") : new UnauthenticatedError("This session has ended; sign in again.");
  }
  const retryAfter = decision.retryAfterSeconds ?? 1;
  const detail =
    decision.reason === "quota"
      ? `The daily quota of ${caller.limits.daily} requests is used up; it renews at midnight UTC.`
      : `More than ${caller.limits.rate} requests per second (burst ${caller.limits.burst}); retry after ${retryAfter} s.`;
  throw new TooManyRequestsError(detail, retryAfter);
}

/** The `RateLimit-*` headers reporting a decision. */
export function rateLimitHeaders(decision: Limits.Decision): Record<string, string> {
  return {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-reset": String(decision.resetSeconds),
  };
}
