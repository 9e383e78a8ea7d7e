import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { PageKey } from "../pagination";
import { documentClient, isConditionalCheckFailure, queryPage, tableName } from "../table";
import type { ApiKey } from "./schema";

/** Key layout: one item per key, addressed by the secret's hash; gsi1 lists keys by id. */
const keyOf = (hash: string) => ({ pk: `APIKEY#${hash}`, sk: "APIKEY" });
const LISTING = "APIKEYS";

function fromItem(item: Record<string, unknown>): ApiKey {
  const { id, name, prefix, scopes, limits, createdAt, createdBy, revokedAt, pepperVersion } = item as unknown as ApiKey;
  // Keys made before the pepper was versioned were hashed with its only value, which is v1.
  return { id, name, prefix, scopes, limits, createdAt, createdBy, revokedAt: revokedAt ?? null, pepperVersion: pepperVersion ?? "v1" };
}

export async function insertKey(hash: string, key: ApiKey): Promise<void> {
  // A live key has no `revokedAt` attribute at all, so revoking can set it only once.
  const { revokedAt: _live, ...live } = key;
  await documentClient().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keyOf(hash), gsi1pk: LISTING, gsi1sk: key.id, ...live },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
}

export async function findByHash(hash: string): Promise<ApiKey | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keyOf(hash), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

/** The table key of the key with this id (the secret's hash is not derivable from the id). */
async function findById(id: string): Promise<Record<string, string> | undefined> {
  const { items } = await queryPage({
    index: "gsi1",
    partition: ["gsi1pk", LISTING],
    sortKey: { condition: "gsi1sk = :id", values: { ":id": id } },
    limit: 1,
  });
  const item = items[0];
  return item ? { pk: String(item.pk), sk: String(item.sk) } : undefined;
}

export async function listKeys(limit: number, startKey?: PageKey) {
  const page = await queryPage({ index: "gsi1", partition: ["gsi1pk", LISTING], descending: true, limit, startKey });
  return { items: page.items.map(fromItem), lastKey: page.lastKey };
}

/** Marks a key revoked; returns it, or undefined when there is no such key. Revoking twice is harmless. */
export async function markRevoked(id: string, at: string): Promise<ApiKey | undefined> {
  const key = await findById(id);
  if (!key) return undefined;
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :at)",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeValues: { ":at": at },
        ReturnValues: "ALL_NEW",
      }),
    );
    return fromItem(Attributes!);
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
}
