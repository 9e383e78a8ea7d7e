import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, isConditionalCheckFailure, tableName } from "../table";
import type { UserProfile } from "./schema";

/** Key layout: one profile item per Cognito `sub`; gsi1 lists users for administration. */
export const userKey = (id: string) => ({ pk: `USER#${id}`, sk: "PROFILE" });

function fromItem(item: Record<string, unknown>): UserProfile {
  const { id, email, name, role, version, createdAt, updatedAt } = item as unknown as UserProfile;
  return { id, email: email ?? null, name: name ?? null, role, version, createdAt, updatedAt };
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
        Item: { ...userKey(profile.id), gsi1pk: "USERS", gsi1sk: profile.id, ...profile },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

export async function updateProfileName(id: string, name: string | null, now: string): Promise<UserProfile | undefined> {
  try {
    const { Attributes } = await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: userKey(id),
        UpdateExpression: "SET #name = :name, updatedAt = :now ADD version :one",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: { ":name": name, ":now": now, ":one": 1 },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes ? fromItem(Attributes) : undefined;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return undefined;
    throw error;
  }
}
