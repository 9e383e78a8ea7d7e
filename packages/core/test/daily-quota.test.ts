/**
 * The daily quota around midnight UTC, on an injected clock (`consume`'s `now`) against the
 * stack's table: the day a request counts in, the Retry-After a refusal gives, and the new day
 * starting from zero with the old day's counter removed, at the boundary to the millisecond and
 * across a year end. Nothing here waits for real time to pass.
 */
import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { consume, limitKey, subjects, type Limits, type Subject } from "../src/limits";
import { documentClient, tableName } from "../src/table";

/** Many requests a second are allowed, so only the quota can refuse. */
const limits: Limits = { rate: 1000, burst: 1000, daily: 3 };
const MIDNIGHT = Date.UTC(2027, 0, 1); // 2027-01-01T00:00:00.000Z: a day, a month and a year begin

const bucket = async (subject: Subject) =>
  (await documentClient().send(new GetCommand({ TableName: tableName(), Key: limitKey(subject), ConsistentRead: true }))).Item as Record<string, unknown>;

describe("the daily quota near midnight UTC (injected clock)", () => {
  it("refuses the day's fourth request until midnight, with Retry-After counting down to it, and admits at midnight exactly", async () => {
    const subject = subjects.apiKey(`test-quota-${randomUUID()}`);
    const lateEvening = MIDNIGHT - 60 * 60_000; // 23:00
    for (let i = 0; i < 3; i++) expect(await consume(subject, limits, 0, lateEvening + i)).toMatchObject({ allowed: true });

    expect(await consume(subject, limits, 0, lateEvening + 10)).toMatchObject({ allowed: false, reason: "quota", remaining: 0, retryAfterSeconds: 3600 });
    expect(await consume(subject, limits, 0, MIDNIGHT - 1500)).toMatchObject({ allowed: false, reason: "quota", retryAfterSeconds: 2 });
    expect(await consume(subject, limits, 0, MIDNIGHT - 1)).toMatchObject({ allowed: false, reason: "quota", retryAfterSeconds: 1 });
    // Refusals are not counted: the day holds the three requests it admitted.
    expect(await bucket(subject)).toMatchObject({ d20261231: 3 });

    expect(await consume(subject, limits, 0, MIDNIGHT)).toMatchObject({ allowed: true });
    const item = await bucket(subject);
    expect(item.d20270101).toBe(1);
    expect(item).not.toHaveProperty("d20261231"); // the old day's counter went with the first write of the new day

    for (let i = 1; i < 3; i++) expect(await consume(subject, limits, 0, MIDNIGHT + i)).toMatchObject({ allowed: true });
    expect(await consume(subject, limits, 0, MIDNIGHT + 3)).toMatchObject({ allowed: false, reason: "quota", retryAfterSeconds: 86_400 });
  });

  it("counts a request at 23:59:59.999 in the old day and one at 00:00:00.000 in the new one", async () => {
    const subject = subjects.apiKey(`test-quota-${randomUUID()}`);
    expect(await consume(subject, limits, 0, MIDNIGHT - 1)).toMatchObject({ allowed: true });
    expect(await bucket(subject)).toMatchObject({ d20261231: 1 });
    expect(await consume(subject, limits, 0, MIDNIGHT)).toMatchObject({ allowed: true });
    const item = await bucket(subject);
    expect(item.d20270101).toBe(1);
    expect(item).not.toHaveProperty("d20261231");
  });

  it("starts a day from zero after a quiet day, whatever the bucket kept from before", async () => {
    const subject = subjects.apiKey(`test-quota-${randomUUID()}`);
    for (let i = 0; i < 3; i++) await consume(subject, limits, 0, MIDNIGHT - 2 * 86_400_000 + i); // Dec 30, used up
    expect(await consume(subject, limits, 0, MIDNIGHT - 2 * 86_400_000 + 10)).toMatchObject({ allowed: false, reason: "quota" });
    // Dec 31 passes without a request; on Jan 1 the quota is whole again.
    for (let i = 0; i < 3; i++) expect(await consume(subject, limits, 0, MIDNIGHT + 12 * 3_600_000 + i)).toMatchObject({ allowed: true });
    expect(await consume(subject, limits, 0, MIDNIGHT + 12 * 3_600_000 + 10)).toMatchObject({ allowed: false, reason: "quota", retryAfterSeconds: 12 * 3600 });
  });
});
