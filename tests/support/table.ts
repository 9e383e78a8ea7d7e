import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { offlineStack } from "./target";

/**
 * Every item a request can write, counted. Only tests scan: it proves that a refused request
 * wrote nothing anywhere. Left out: rate-limit buckets (`LIMIT#…`), where every request, refused
 * or not, is accounted for by design, and what the event pipeline writes in the background
 * (`SALES#…` counters, `DONE#…` markers, the simulated payment provider's `PAYMENT#…` ledger)
 * while earlier tests' events drain.
 */
export async function itemCount(): Promise<number> {
  const { endpoints, tableName } = offlineStack("Counting the table's items");
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
        FilterExpression: "NOT begins_with(pk, :limits) AND NOT begins_with(pk, :sales) AND NOT begins_with(pk, :done) AND NOT begins_with(pk, :payments)",
        ExpressionAttributeValues: { ":limits": { S: "LIMIT#" }, ":sales": { S: "SALES#" }, ":done": { S: "DONE#" }, ":payments": { S: "PAYMENT#" } },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),);
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  client.destroy();
  return count;
}
