/**
 * The rate limiter's arithmetic (GCRA over one conditional write, ../src/limits/bucket.ts) on an
 * injected clock against the real table: what each request is told (remaining, reset,
 * Retry-After), where the burst ends, how the bucket refills, and revocation by issue time. The
 * daily quota around midnight is in ./daily-quota.test.ts.
 */
import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { consume, defaultLimits, limitKey, limitsSchema, revokeBefore, revokeForever, subjects, type Limits, type Subject } from "../src/limits";
import { documentClient, tableName } from "../src/table";

const T = Date.UTC(2027, 5, 15, 12, 0, 0); // mid-day, far from a day boundary
const fresh = () => subjects.apiKey(`test-limits-${randomUUID()}`);
const bucket = async (subject: Subject) =>
  (await documentClient().send(new GetCommand({ TableName: tableName(), Key: limitKey(subject), ConsistentRead: true }))).Item as Record<string, unknown>;
const TWO_DAYS = 2 * 24 * 3600;

describe("the rate limit", () => {
  it("admits a burst, counting down what remains and when the bucket is full again, then refuses with Retry-After", async () => {
    const subject = fresh();
    const limits: Limits = { rate: 1, burst: 3, daily: 1000 };
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 1 });
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 1, resetSeconds: 2 });
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 0, resetSeconds: 3 });
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: false, reason: "rate", limit: 3, remaining: 0, resetSeconds: 3, retryAfterSeconds: 1 });
    // A refusal spends nothing: one interval later exactly one more request fits.
    expect(await consume(subject, limits, 0, T + 999)).toMatchObject({ allowed: false, reason: "rate", retryAfterSeconds: 1 });
    expect(await consume(subject, limits, 0, T + 1000)).toEqual({ allowed: true, limit: 3, remaining: 0, resetSeconds: 3 });
    expect(await consume(subject, limits, 0, T + 1000)).toMatchObject({ allowed: false, reason: "rate" });
    expect((await bucket(subject)).tat).toBe(T + 4000);
  });

  it("rounds Retry-After and the reset up to whole seconds from a fractional rate", async () => {
    const subject = fresh();
    const limits: Limits = { rate: 0.4, burst: 1, daily: 1000 }; // one request per 2.5 s
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: true, limit: 1, remaining: 0, resetSeconds: 3 });
    expect(await consume(subject, limits, 0, T + 100)).toEqual({ allowed: false, reason: "rate", limit: 1, remaining: 0, resetSeconds: 3, retryAfterSeconds: 3 });
    expect(await consume(subject, limits, 0, T + 2_400)).toMatchObject({ allowed: false, reason: "rate", resetSeconds: 1, retryAfterSeconds: 1 });
    expect(await consume(subject, limits, 0, T + 2_500)).toMatchObject({ allowed: true });
  });

  it("refills while idle, never beyond the burst", async () => {
    const subject = fresh();
    const limits: Limits = { rate: 10, burst: 5, daily: 1000 }; // 100 ms per token
    for (let i = 0; i < 5; i++) expect(await consume(subject, limits, 0, T)).toMatchObject({ allowed: true, remaining: 4 - i });
    expect(await consume(subject, limits, 0, T)).toMatchObject({ allowed: false, reason: "rate" });
    // 250 ms later two tokens have come back (the third is half way).
    expect(await consume(subject, limits, 0, T + 250)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await consume(subject, limits, 0, T + 250)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await consume(subject, limits, 0, T + 250)).toMatchObject({ allowed: false, reason: "rate", retryAfterSeconds: 1 });
    // After an hour's rest the bucket is full, not an hour's worth of tokens.
    const later = T + 3_600_000;
    expect(await consume(subject, limits, 0, later)).toEqual({ allowed: true, limit: 5, remaining: 4, resetSeconds: 1 });
    expect((await bucket(subject)).tat).toBe(later + 100);
  });

  it("counts the day's requests in the bucket and lets an idle bucket expire two days after its last request", async () => {
    const subject = fresh();
    await consume(subject, defaultLimits, 0, T);
    await consume(subject, defaultLimits, 0, T + 1);
    const item = await bucket(subject);
    expect(item.d20270615).toBe(2);
    expect(item.expiresAt).toBe(Math.floor((T + 1) / 1000) + TWO_DAYS);
  });

  it("keys each subject's bucket apart", async () => {
    const [a, b] = [fresh(), fresh()];
    const limits: Limits = { rate: 1, burst: 1, daily: 1000 };
    expect(await consume(a, limits, 0, T)).toMatchObject({ allowed: true });
    expect(await consume(a, limits, 0, T)).toMatchObject({ allowed: false });
    expect(await consume(b, limits, 0, T)).toMatchObject({ allowed: true });
    expect(limitKey(a)).toEqual({ pk: `LIMIT#${a}`, sk: "LIMIT" });
  });
});

/**
 * Buckets this process has not seen as they are: another execution environment (a Lambda
 * instance of its own, with its own hint of the bucket's state) used them, or TTL removed one.
 * The bucket item is written or deleted directly, as that other environment or TTL would.
 */
describe("buckets changed elsewhere", () => {
  const limits: Limits = { rate: 1, burst: 3, daily: 1000 };
  const leftBusy = async (subject: Subject, tat: number) =>
    documentClient().send(new PutCommand({ TableName: tableName(), Item: { ...limitKey(subject), tat, d20270615: 1, expiresAt: Math.floor(T / 1000) + TWO_DAYS } }));

  it("admits a request into a bucket another environment left busy but not full, counting what remains from its state", async () => {
    // One request in flight (its tat an interval ahead): two more fit.
    const once = fresh();
    await leftBusy(once, T + 1_000);
    expect(await consume(once, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 1, resetSeconds: 2 });
    // Two in flight: the last one fits exactly.
    const twice = fresh();
    await leftBusy(twice, T + 2_000);
    expect(await consume(twice, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 0, resetSeconds: 3 });
    expect((await bucket(twice)).tat).toBe(T + 3_000);
    // Full: refused, and told to wait one interval.
    const full = fresh();
    await leftBusy(full, T + 3_000);
    expect(await consume(full, limits, 0, T)).toEqual({ allowed: false, reason: "rate", limit: 3, remaining: 0, resetSeconds: 3, retryAfterSeconds: 1 });
  });

  it("starts afresh when the bucket this environment last saw busy was removed meanwhile", async () => {
    const subject = fresh();
    expect(await consume(subject, limits, 0, T)).toMatchObject({ allowed: true, remaining: 2 });
    expect(await consume(subject, limits, 0, T)).toMatchObject({ allowed: true, remaining: 1 });
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: limitKey(subject) }));
    // This environment expects a busy bucket; the table has none: a full burst again.
    expect(await consume(subject, limits, 0, T)).toEqual({ allowed: true, limit: 3, remaining: 2, resetSeconds: 1 });
  });

  it("throws a write the table refuses for a reason other than the bucket's state, rather than deciding on it", async () => {
    // A partition key over DynamoDB's 2,048 bytes: a ValidationException, not a failed condition.
    const oversized = subjects.apiKey(`test-limits-${"x".repeat(2_100)}`);
    await expect(consume(oversized, limits, 0, T)).rejects.toMatchObject({ name: "ValidationException" });
  });
});

describe("revocation", () => {
  it("refuses credentials issued before the revocation and admits those issued at or after it", async () => {
    const subject = fresh();
    const limits: Limits = { rate: 100, burst: 100, daily: 1000 };
    expect(await consume(subject, limits, T - 10_000, T)).toMatchObject({ allowed: true });
    await revokeBefore(subject, T + 1_000);
    const item = await bucket(subject);
    expect(item.revokedBefore).toBe(T + 1_000);
    expect(item.expiresAt).toBe(Math.floor((T + 1_000) / 1000) + TWO_DAYS);

    expect(await consume(subject, limits, T + 999, T + 2_000)).toEqual({
      allowed: false,
      reason: "revoked",
      limit: 100,
      remaining: 100,
      resetSeconds: 0,
      retryAfterSeconds: 1,
    });
    expect(await consume(subject, limits, T + 1_000, T + 2_000)).toMatchObject({ allowed: true, remaining: 99 });
    expect(await consume(subject, limits, T + 5_000, T + 2_000)).toMatchObject({ allowed: true, remaining: 98 });
  });

  it("reports a credential issued at the revocation instant, once over the limit, as rate-limited, not revoked", async () => {
    const subject = fresh();
    const limits: Limits = { rate: 1, burst: 1, daily: 1000 };
    await revokeBefore(subject, T);
    expect(await consume(subject, limits, T, T)).toMatchObject({ allowed: true });
    expect(await consume(subject, limits, T, T)).toMatchObject({ allowed: false, reason: "rate" });
  });

  it("refuses a revoked subject even on a bucket that was never used, and with any quota left", async () => {
    const subject = fresh();
    await revokeBefore(subject, T);
    expect(await consume(subject, defaultLimits, T - 1, T + 10)).toMatchObject({ allowed: false, reason: "revoked" });
    expect((await bucket(subject)).tat).toBeUndefined(); // the refusal spent nothing
  });

  it("refuses for good after revokeForever, however late the credential was issued, and the bucket no longer expires", async () => {
    const subject = fresh();
    await consume(subject, defaultLimits, 0, T);
    await revokeForever(subject);
    expect(await consume(subject, defaultLimits, Number.MAX_SAFE_INTEGER - 1, T + 1)).toMatchObject({ allowed: false, reason: "revoked" });
    const item = await bucket(subject);
    expect(item.revokedBefore).toBe(Number.MAX_SAFE_INTEGER);
    expect(item).not.toHaveProperty("expiresAt");
  });
});

describe("limit settings and subjects", () => {
  it("accepts settings within their ranges and refuses each edge beyond", () => {
    expect(v.is(limitsSchema, defaultLimits)).toBe(true);
    expect(defaultLimits).toEqual({ rate: 50, burst: 100, daily: 10_000 });
    const ok = { rate: 1, burst: 1, daily: 1 };
    for (const edge of [{ rate: 0.01 }, { rate: 10_000 }, { burst: 1 }, { burst: 100_000 }, { daily: 1 }, { daily: 100_000_000 }]) {
      expect(v.is(limitsSchema, { ...ok, ...edge }), JSON.stringify(edge)).toBe(true);
    }
    for (const edge of [{ rate: 0.009 }, { rate: 10_001 }, { burst: 0 }, { burst: 100_001 }, { burst: 1.5 }, { daily: 0 }, { daily: 100_000_001 }, { daily: 2.5 }]) {
      expect(v.is(limitsSchema, { ...ok, ...edge }), JSON.stringify(edge)).toBe(false);
    }
    expect(v.is(limitsSchema, { ...ok, extra: 1 })).toBe(false);
  });

  it("names each kind of subject apart", () => {
    expect(subjects.user("u1")).toBe("user:u1");
    expect(subjects.apiKey("k1")).toBe("key:k1");
    expect(subjects.address("203.0.113.9")).toBe("ip:203.0.113.9");
    expect(subjects.attempt("sign-up", "address", "abc")).toBe("attempt:sign-up:address:abc");
  });
});
