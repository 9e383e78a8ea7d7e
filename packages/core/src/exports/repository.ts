import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, isConditionalCheckFailure, tableName } from "../table";
import type { ExportJob, ExportStatus } from "./schema";

const jobKey = (id: string) => ({ pk: `EXPORT#${id}`, sk: "EXPORT" });

export async function insertJob(job: ExportJob): Promise<void> {
  await documentClient().send(new PutCommand({ TableName: tableName(), Item: { ...jobKey(job.id), ...job }, ConditionExpression: "attribute_not_exists(pk)" }));
}

export async function getJob(id: string): Promise<ExportJob | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: jobKey(id), ConsistentRead: true }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, ...job } = Item;
  return job as ExportJob;
}

/** Moves a job from one of `from` to `to`, with extra fields; false when it was elsewhere. */
export async function moveJob(id: string, from: ExportStatus[], to: ExportStatus, now: string, extra: Partial<ExportJob> = {}): Promise<boolean> {
  const fields = Object.entries(extra);
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(id),
        UpdateExpression: `SET #status = :to, updatedAt = :now${fields.map((_, i) => `, #f${i} = :v${i}`).join("")}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(", ")})`,
        ExpressionAttributeNames: { "#status": "status", ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])) },
        ExpressionAttributeValues: {
          ":to": to,
          ":now": now,
          ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])),
          ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
