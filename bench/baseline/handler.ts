/**
 * The benchmark's yardstick: the least a DynamoDB-backed Lambda can be. One document client,
 * one GetCommand against the table named in TABLE_NAME. Bundled with the same options as the
 * real functions (packages/functions/src/build.ts); never deployed.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";

const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: { id?: string }) => {
  const result = await client.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: event.id ?? "x" } }));
  return { statusCode: result.Item ? 200 : 404, body: JSON.stringify(result.Item ?? null) };
};
