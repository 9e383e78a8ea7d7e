import { TooManyRequestsError } from "@emporium/core/errors";
import * as Identity from "@emporium/core/identity";
import { rateLimitHeaders } from "./rate-limit";
import type { ApiRequest } from "./request";

/**
 * Spends one attempt of an account flow (core/identity/attempts.ts has the limits) for the
 * caller's source IP, as API Gateway saw it (the socket's peer, never a header the client
 * sets), and for the address or refresh token in the request. Over a limit: 429 with
 * Retry-After, before the pool is asked anything. Otherwise the response's RateLimit headers
 * report the tightest of these limits.
 */
export async function spendAttempt(request: ApiRequest, flow: Identity.GuardedFlow, keys: { email?: string; refreshToken?: string } = {}): Promise<void> {
  const decision = await Identity.spendAttempt(flow, { ip: request.clientIp, ...keys }, ipScale());
  request.rateLimit = rateLimitHeaders(decision);
  if (decision.allowed) return;
  const retryAfter = decision.retryAfterSeconds ?? 1;
  const whose = { address: "this e-mail address", token: "this refresh token", ip: "your network address" }[decision.scope];
  const detail =
    decision.reason === "quota"
      ? `Too many attempts today for ${whose}; they renew at midnight UTC.`
      : `Too many attempts for ${whose}; retry after ${retryAfter} s.`;
  throw new TooManyRequestsError(detail, retryAfter);
}

/** AUTH_IP_LIMIT_SCALE (stage configuration): how many times the per-IP limits this stage allows. */
function ipScale(): number {
  const raw = process.env.AUTH_IP_LIMIT_SCALE;
  if (raw === undefined || raw === "") return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`AUTH_IP_LIMIT_SCALE must be a positive number; got ${raw}`);
  return scale;
}
