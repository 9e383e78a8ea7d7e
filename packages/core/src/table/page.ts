import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { PageKey } from "../pagination";
import { documentClient, tableName } from "./client";
import type { GlobalIndexName } from "./definition";

/** One page of one partition, the shape of every list in this API. */
export interface PageQuery {
  index?: GlobalIndexName;
  /** The partition: its key attribute and value. */
  partition: readonly [attribute: string, value: string];
  /** A condition on the sort key (e.g. `begins_with(gsi1sk, :prefix)`) and its values. */
  sortKey?: { condition: string; values: Record<string, string> };
  /** Descending sort-key order; ids and timestamps sort by time, so this is newest first. */
  descending?: boolean;
  limit: number;
  startKey?: PageKey;
}

export async function queryPage(query: PageQuery): Promise<{ items: Record<string, unknown>[]; lastKey: PageKey | undefined }> {
  const [attribute, value] = query.partition;
  const { Items, LastEvaluatedKey } = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: query.index,
      KeyConditionExpression: `${attribute} = :partition${query.sortKey ? ` AND ${query.sortKey.condition}` : ""}`,
      ExpressionAttributeValues: { ":partition": value, ...query.sortKey?.values },
      ScanIndexForward: !query.descending,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return { items: Items ?? [], lastKey: LastEvaluatedKey as PageKey | undefined };
}
