import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { documentClient, isConditionalCheckFailure, tableName } from "../table";
import type { Decision, Limits } from "./schema";
import type { Subject } from "./subject";

/**
 * Rate limiting as GCRA, the exact equivalent of a token bucket, kept in one item per
 * subject (./subject.ts): `tat` (the "theoretical arrival time", ms) moves one interval forward per request,
 * and a request is allowed while `tat` stays within `burst` intervals of now. Each request is
 * one conditional UpdateItem, so concurrent requests on many Lambdas can never overspend;
 * nothing is read first. The same item counts the day's requests (`d<yyyymmdd>`, yesterday's
 * removed as today's is written) and carries `revokedBefore`, which refuses every credential
 * issued before a revocation, even one an authorizer cache still accepts. TTL removes idle
 * buckets.
 */
export const limitKey = (subject: Subject) => ({ pk: `LIMIT#${subject}`, sk: "LIMIT" });

/** Idle buckets go after two days: longer than any token lives. */
const RETENTION_SECONDS = 2 * 24 * 3600;

interface BucketItem {
  tat?: number;
  revokedBefore?: number;
  [day: `d${string}`]: number | undefined;
}

/** Per execution environment: subject → the `tat` it last saw (bounded). */
const lastSeen = new Map<string, number>();
function remember(subject: Subject, tat: number): void {
  if (lastSeen.size >= 10_000) lastSeen.clear();
  lastSeen.set(subject, tat);
}

const dayAttribute = (ms: number) => `d${new Date(ms).toISOString().slice(0, 10).replaceAll("-", "")}`;

export async function consume(subject: Subject, limits: Limits, issuedAtMs = 0, now = Date.now()): Promise<Decision> {
  const interval = 1000 / limits.rate;
  const window = limits.burst * interval;
  const today = dayAttribute(now);
  const yesterday = dayAttribute(now - 86_400_000);
  const common = {
    TableName: tableName(),
    Key: limitKey(subject),
    ExpressionAttributeNames: { "#today": today, "#yesterday": yesterday },
    ReturnValues: "ALL_NEW" as const,
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
  const guard = "(attribute_not_exists(#today) OR #today < :daily) AND (attribute_not_exists(revokedBefore) OR revokedBefore <= :issuedAt)";
  const values = { ":now": now, ":daily": limits.daily, ":issuedAt": issuedAtMs, ":one": 1, ":zero": 0, ":expires": Math.floor(now / 1000) + RETENTION_SECONDS };
  const counting = "#today = if_not_exists(#today, :zero) + :one, expiresAt = :expires REMOVE #yesterday";

  // Two conditional writes cover both cases of max(tat, now); a race between them is retried.
  // The last `tat` this execution environment saw picks the likelier one first, which saves a
  // failed write on most requests (it is only a hint: both are always tried).
  const hint = lastSeen.get(subject);
  const order = hint !== undefined && hint >= now ? (["busy", "idle"] as const) : (["idle", "busy"] as const);
  for (let attempt = 0; attempt < 3; attempt++) {
    for (const variant of order) {
      try {
        const { Attributes } = await documentClient().send(
          new UpdateCommand(
            variant === "busy"
              ? {
                  ...common,
                  UpdateExpression: `SET tat = tat + :interval, ${counting}`,
                  ConditionExpression: `tat >= :now AND tat <= :maxTat AND ${guard}`,
                  ExpressionAttributeValues: { ...values, ":interval": interval, ":maxTat": now + window - interval },
                }
              : {
                  ...common,
                  UpdateExpression: `SET tat = :next, ${counting}`,
                  ConditionExpression: `(attribute_not_exists(tat) OR tat < :now) AND ${guard}`,
                  ExpressionAttributeValues: { ...values, ":next": now + interval },
                },
          ),
        );
        const tat = Number(Attributes!.tat);
        remember(subject, tat);
        return {
          allowed: true,
          limit: limits.burst,
          remaining: Math.max(0, Math.floor((now + window - tat) / interval)),
          resetSeconds: Math.max(0, Math.ceil((tat - now) / 1000)),
        };
      } catch (error) {
        if (!isConditionalCheckFailure(error)) throw error;
        const old = oldItem(error);
        if (old.tat !== undefined) remember(subject, old.tat);
        if (old.revokedBefore !== undefined && old.revokedBefore > issuedAtMs) return refuse("revoked", limits, old, now, window);
        if ((old[today as `d${string}`] ?? 0) >= limits.daily) return refuse("quota", limits, old, now, window);
        const tat = old.tat ?? 0;
        if (tat >= now && tat > now + window - interval) return refuse("rate", limits, old, now, window, tat - (now + window - interval));
        // Otherwise the bucket is in the other state: try the other variant.
      }
    }
  }
  throw new Error(`rate limit bucket for ${subject} kept changing`);
}

function refuse(reason: Decision["reason"], limits: Limits, old: BucketItem, now: number, window: number, waitMs = 0): Decision {
  // A bucket last used long ago is full: its `tat` in the past counts as now, or `remaining`
  // would report more than the burst to a revoked credential.
  const tat = Math.max(old.tat ?? now, now);
  const untilMidnight = Math.ceil((Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1) - now) / 1000);
  return {
    allowed: false,
    reason,
    limit: limits.burst,
    remaining: reason === "quota" ? 0 : Math.max(0, Math.floor((now + window - tat) / (1000 / limits.rate))),
    resetSeconds: Math.max(0, Math.ceil((tat - now) / 1000)),
    retryAfterSeconds: reason === "quota" ? untilMidnight : Math.max(1, Math.ceil(waitMs / 1000)),
  };
}

function oldItem(error: unknown): BucketItem {
  const item = (error as { Item?: Record<string, unknown> }).Item;
  if (!item) return {};
  // The document client does not unmarshall items attached to errors.
  return unmarshall(item as Parameters<typeof unmarshall>[0]) as BucketItem;
}

/** Refuses every session of `subject` issued before `at` (ms): its user must sign in again. */
export async function revokeBefore(subject: Subject, at = Date.now()): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: limitKey(subject),
      UpdateExpression: "SET revokedBefore = :at, expiresAt = :expires",
      ExpressionAttributeValues: { ":at": at, ":expires": Math.floor(at / 1000) + RETENTION_SECONDS },
    }),
  );
}

/**
 * Refuses every credential of `subject`, past and future, for good (revoked API keys,
 * deleted users). The bucket stops expiring so the refusal outlives every token.
 */
export async function revokeForever(subject: Subject): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: limitKey(subject),
      UpdateExpression: "SET revokedBefore = :forever REMOVE expiresAt",
      ExpressionAttributeValues: { ":forever": Number.MAX_SAFE_INTEGER },
    }),
  );
}
