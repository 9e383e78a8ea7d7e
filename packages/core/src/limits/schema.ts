import * as v from "valibot";

/**
 * A token bucket (`rate` tokens per second, at most `burst` at once) and a daily quota (UTC
 * days), per principal. Defaults from the seed documents.
 */
export const limitsValueSchema = v.object({ rate: v.number(), burst: v.number(), daily: v.number() });
export type Limits = v.InferOutput<typeof limitsValueSchema>;

export const defaultLimits: Limits = { rate: 50, burst: 100, daily: 10_000 };

/** Limits an admin may give an API key. */
export const limitsSchema = v.strictObject({
  rate: v.pipe(v.number(), v.minValue(0.01), v.maxValue(10_000)),
  burst: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
  daily: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000_000)),
});

/** The outcome of one request against a principal's limits, with what the headers report. */
export interface Decision {
  allowed: boolean;
  /** Why a request was refused. `revoked`: the credential was revoked after it was issued. */
  reason?: "rate" | "quota" | "revoked";
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  retryAfterSeconds?: number;
}
