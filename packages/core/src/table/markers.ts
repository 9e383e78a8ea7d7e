import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, tableName } from "./client";
import { isConditionalCheckFailure } from "./errors";

/**
 * "Done once" markers for consumers that must not repeat a side effect when a message is
 * delivered twice. A marker expires (TTL) long after any redelivery could happen.
 */
export const markerKey = (scope: string, id: string) => ({ pk: `DONE#${scope}#${id}`, sk: "DONE" });

export function markerItem(scope: string, id: string, ttlDays: number, now = Date.now()) {
  return { ...markerKey(scope, id), expiresAt: Math.floor(now / 1000) + ttlDays * 86_400 };
}

/** Claims `id` in `scope`; false when it was claimed before. */
export async function claim(scope: string, id: string, ttlDays = 14): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({ TableName: tableName(), Item: markerItem(scope, id, ttlDays), ConditionExpression: "attribute_not_exists(pk)" }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** Gives a claim back, so a failed attempt can be retried. */
export async function release(scope: string, id: string): Promise<void> {
  await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: markerKey(scope, id) }));
}
