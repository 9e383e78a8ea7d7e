import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { PageKey } from "../pagination";
import { documentClient, isConditionalCheckFailure, queryPage, tableName } from "../table";
import type { UserProfile } from "./schema";

/** Key layout: one profile item per Cognito `sub`; gsi1 lists users for administration. */
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: "PROFILE" });
const DIRECTORY = "USERS";

function fromItem(item: Record<string, unknown>): UserProfile {
  const { id, username, email, name, role, deletedAt, version, createdAt, updatedAt } = item as unknown as UserProfile;
  return { id, username: username ?? id, email: email ?? null, name: name ?? null, role, deletedAt: deletedAt ?? null, version, createdAt, updatedAt };
}

export async function getProfile(id: string): Promise<UserProfile | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: userKey(id) }));
  return Item ? fromItem(Item) : undefined;
}

/** Inserts a profile unless one exists already; returns whether this call created it. */
export async function insertProfile(profile: UserProfile): Promise<boolean> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...userKey(profile.id), gsi1pk: DIRECTORY, gsi1sk: profile.id, ...profile },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

export async function listProfiles(limit: number, startKey?: PageKey) {
  const page = await queryPage({ index: "gsi1", partition: ["gsi1pk", DIRECTORY], limit, startKey });
  return { items: page.items.map(fromItem), lastKey: page.lastKey };
}

/**
 * Applies `changes` to a live (not deleted) profile and bumps its version; undefined when there
 * is no such profile.
 */
export async function updateProfile(
  id: string,
  changes: Partial<Pick<UserProfile, "name" | "role" | "email" | "deletedAt">>,
  now: string,
  expectedVersion?: number,
) {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const names = Object.fromEntries(entries.map(([field], i) => [`#f${i}`, field]));
  const values = Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value]));
  const sets = entries.map((_, i) => `#f${i} = :v${i}`);
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: `SET ${[...sets, "updatedAt = :now"].join(", ")} ADD version :one`,
        // A live profile: never deleted, or `deletedAt` still null.
        ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(deletedAt) OR attribute_type(deletedAt, :null))${
          expectedVersion === undefined ? "" : " AND version = :expected"
        }`,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExpressionAttributeValues: {
          ...values,
          ":now": now,
          ":one": 1,
          ":null": "NULL",
          ...(expectedVersion === undefined ? {} : { ":expected": expectedVersion }),
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes ? fromItem(Attributes) : undefined;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
}
