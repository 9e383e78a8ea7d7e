import { createHash } from "node:crypto";
import { consume, subjects, type Decision, type Limits, type Subject } from "../limits";

/**
 * Limits on the account flows, far below the general API's (50/s, burst 100 per caller): each
 * attempt costs a Cognito call, may send an e-mail, or is a guess at a password or a 6-digit
 * code. Every flow is limited per source IP, and per e-mail address (or, for refresh, per
 * refresh token) so that spreading guesses over many IPs does not help against one account.
 * These are GCRA buckets of the shared limiter (packages/core/src/limits): `burst` attempts at
 * once, then one more every `1 / rate` seconds, and at most `daily` per UTC day.
 *
 * The per-IP limits are multiplied by a stage setting (AUTH_IP_LIMIT_SCALE, default 1): many
 * honest users can share an address (offices, mobile carriers' NAT), and a stage can allow for
 * that without loosening the per-account limits.
 */
const perMinute = (count: number, daily: number): Limits => ({ rate: count / 60, burst: count, daily });
const perQuarterHour = (count: number, daily: number): Limits => ({ rate: count / 900, burst: count, daily });
const perHour = (count: number, daily: number): Limits => ({ rate: count / 3600, burst: count, daily });

export type GuardedFlow = "signUp" | "confirmSignUp" | "resendConfirmation" | "logIn" | "refresh" | "forgotPassword" | "confirmForgotPassword";

export interface FlowLimits {
  perAddress?: Limits;
  perToken?: Limits;
  perIp: Limits;
}

export const attemptLimits: Record<GuardedFlow, FlowLimits> = {
  // Each sign-up may e-mail a code to someone else's address.
  signUp: { perAddress: perHour(3, 10), perIp: perHour(20, 100) },
  // 5 guesses at a 6-digit code per 15 min, 20 a day: about 1 chance in 50 000 a day.
  confirmSignUp: { perAddress: perQuarterHour(5, 20), perIp: perQuarterHour(30, 200) },
  resendConfirmation: { perAddress: perHour(3, 10), perIp: perHour(20, 100) },
  // Password guessing: 10 a minute and 100 a day per account.
  logIn: { perAddress: perMinute(10, 100), perIp: perMinute(30, 1_000) },
  // No address here (cookie sessions send none): per token, and per IP.
  refresh: { perToken: perMinute(10, 500), perIp: perMinute(60, 5_000) },
  forgotPassword: { perAddress: perHour(3, 10), perIp: perHour(20, 100) },
  confirmForgotPassword: { perAddress: perQuarterHour(5, 20), perIp: perQuarterHour(30, 200) },
};

export interface AttemptKeys {
  ip: string;
  email?: string;
  refreshToken?: string;
}

export interface AttemptDecision extends Decision {
  /** Which limit decided: the refusing one, or else the one closest to refusing. */
  scope: "address" | "token" | "ip";
  limits: Limits;
}

// Buckets are named by digests: the table keeps no address or token in clear.
const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 32);

export function scaled(limits: Limits, factor: number): Limits {
  return { rate: limits.rate * factor, burst: Math.round(limits.burst * factor), daily: Math.round(limits.daily * factor) };
}

/**
 * Spends one attempt of `flow` in each bucket that applies, all at once (one conditional
 * UpdateItem each). An attempt refused by one bucket still counts in the others that took it.
 */
export async function spendAttempt(flow: GuardedFlow, keys: AttemptKeys, ipScale = 1): Promise<AttemptDecision> {
  const limits = attemptLimits[flow];
  const buckets: { scope: AttemptDecision["scope"]; subject: Subject; limits: Limits }[] = [
    { scope: "ip", subject: subjects.attempt(flow, "ip", keys.ip), limits: scaled(limits.perIp, ipScale) },
  ];
  if (limits.perAddress && keys.email) {
    buckets.push({ scope: "address", subject: subjects.attempt(flow, "address", digest(keys.email.trim().toLowerCase())), limits: limits.perAddress });
  }
  if (limits.perToken && keys.refreshToken) {
    buckets.push({ scope: "token", subject: subjects.attempt(flow, "token", digest(keys.refreshToken)), limits: limits.perToken });
  }
  const decisions = await Promise.all(buckets.map(async (bucket) => ({ ...(await consume(bucket.subject, bucket.limits)), scope: bucket.scope, limits: bucket.limits })));
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length > 0) return refused.reduce((a, b) => ((b.retryAfterSeconds ?? 0) > (a.retryAfterSeconds ?? 0) ? b : a));
  return decisions.reduce((a, b) => (b.remaining < a.remaining ? b : a));
}
