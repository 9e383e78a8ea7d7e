import * as Limits from "@emporium/core/limits";
import type { Caller } from "./caller";
import { HttpError } from "./problem";

/**
 * Spends one request of the caller's limits, whatever the authorizer (or its cache) decided,
 * and returns the `RateLimit-*` headers for the response. Refusals: 429 with `Retry-After`
 * over the limit or quota; a revoked credential gets what API Gateway gives for a refused one
 * (401 for user sessions, 403 for API keys).
 */
export async function spend(caller: Caller): Promise<Record<string, string>> {
  const decision = await Limits.consume(caller.limiter, caller.limits, caller.issuedAtMs);
  const headers = rateLimitHeaders(decision);
  if (decision.allowed) return headers;
  if (decision.reason === "revoked") {
    throw caller.kind === "apiKey"
      ? new HttpError(403, "Forbidden", "This API key has been revoked.", headers)
      : new HttpError(401, "Unauthorized", "This session has ended; sign in again.", { ...headers, "www-authenticate": "Bearer" });
  }
  const retryAfter = String(decision.retryAfterSeconds ?? 1);
  const detail =
    decision.reason === "quota"
      ? `The daily quota of ${caller.limits.daily} requests is used up; it renews at midnight UTC.`
      : `More than ${caller.limits.rate} requests per second (burst ${caller.limits.burst}); retry after ${retryAfter} s.`;
  throw new HttpError(429, "Too many requests", detail, { ...headers, "retry-after": retryAfter });
}

/** The `RateLimit-*` headers reporting a decision. */
export function rateLimitHeaders(decision: Limits.Decision): Record<string, string> {
  return {
    "ratelimit-limit": String(decision.limit),
    "ratelimit-remaining": String(decision.remaining),
    "ratelimit-reset": String(decision.resetSeconds),
  };
}
