import { DynamoDBClient, QueryCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

/** The offline stack's table, reached directly (tests and benches only). */
export interface TableAccess {
  endpoint: string;
  tableName: string;
}

const clientOf = (table: TableAccess) =>
  new DynamoDBClient({ endpoint: table.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/**
 * Every item a request can write, counted. Only tests scan: it proves that a refused request
 * wrote nothing anywhere. Left out: rate-limit buckets (`LIMIT#…`), where every request, refused
 * or not, is accounted for by design, and what the event pipeline writes in the background
 * (`SALES#…` counters, `DONE#…` markers, the simulated payment provider's `PAYMENT#…` ledger)
 * while earlier tests' events drain.
 */
export async function itemCount(): Promise<number> {
  // Imported here, not above: ./target reads vitest's provided context on load, and benches use this module outside vitest.
  const { offlineStack } = await import("./target");
  const { endpoints, tableName } = offlineStack("Counting the table's items");
  return countItems({ endpoint: endpoints.dynamodb, tableName });
}

/** `itemCount` for a table known by its endpoint and name (a bench's own stack). */
export async function countItems(table: TableAccess): Promise<number> {
  const client = clientOf(table);
  let count = 0;
  let startKey: Record<string, any> | undefined;
  try {
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table.tableName,
          Select: "COUNT",
          FilterExpression: "NOT begins_with(pk, :limits) AND NOT begins_with(pk, :sales) AND NOT begins_with(pk, :done) AND NOT begins_with(pk, :payments)",
          ExpressionAttributeValues: { ":limits": { S: "LIMIT#" }, ":sales": { S: "SALES#" }, ":done": { S: "DONE#" }, ":payments": { S: "PAYMENT#" } },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    client.destroy();
  }
  return count;
}

/** Where a snapshot looks: a whole partition, or the items of one gsi1 key (an API key by its id). */
export type ItemSelector = { pk: string } | { gsi1pk: string; gsi1sk: string };

/**
 * The items a test cares about, as one comparable string: a count proves nothing was added or
 * removed, this proves the test's own products, users, orders and keys were not changed either.
 */
export async function snapshotItems(table: TableAccess, selectors: ItemSelector[]): Promise<string> {
  const client = clientOf(table);
  try {
    const parts = await Promise.all(
      selectors.map(async (selector) => {
        const byPartition = "pk" in selector;
        const { Items = [] } = await client.send(
          new QueryCommand({
            TableName: table.tableName,
            ...(byPartition
              ? { KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": { S: selector.pk } }, ConsistentRead: true }
              : {
                  IndexName: "gsi1",
                  KeyConditionExpression: "gsi1pk = :pk AND gsi1sk = :sk",
                  ExpressionAttributeValues: { ":pk": { S: selector.gsi1pk }, ":sk": { S: selector.gsi1sk } },
                }),
          }),
        );
        return Items.map((item) => JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
      }),
    );
    return parts.map((items) => items.join("\n")).join("\n--\n");
  } finally {
    client.destroy();
  }
}
