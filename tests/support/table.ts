import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";

/**
 * Every business item in the table, counted. Only tests scan: it proves that a refused request
 * wrote nothing anywhere. Rate-limit buckets (`LIMIT#…`) are left out: every request, refused or
 * not, is accounted for there, by design.
 */
export async function itemCount(): Promise<number> {
  const { endpoints, tableName } = inject("stack");
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  let count = 0;
  let startKey: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({
        TableName: tableName,
        Select: "COUNT",
        FilterExpression: "NOT begins_with(pk, :limits)",
        ExpressionAttributeValues: { ":limits": { S: "LIMIT#" } },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),);
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return count;
}
