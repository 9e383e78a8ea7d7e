import {
  CreateTableCommand,
  DynamoDBClient,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from "@aws-sdk/client-dynamodb";
import { idempotencyTableDefinition, tableDefinition, type TableShape } from "@emporium/core/table";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

const attributeType = { string: "S", number: "N", binary: "B" } as const;
const streamViewType = {
  "new-image": "NEW_IMAGE",
  "old-image": "OLD_IMAGE",
  "new-and-old-images": "NEW_AND_OLD_IMAGES",
  "keys-only": "KEYS_ONLY",
} as const;

/** Translates the shared table definition (the one `infra/storage.ts` deploys) into CreateTable. */
export function createTableInput(name: string, definition: TableShape = tableDefinition): CreateTableCommandInput {
  const keySchema = (index: { hashKey: string; rangeKey?: string }) => [
    { AttributeName: index.hashKey, KeyType: "HASH" as const },
    ...(index.rangeKey ? [{ AttributeName: index.rangeKey, KeyType: "RANGE" as const }] : []),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: Object.entries(definition.fields).map(([AttributeName, type]) => ({
      AttributeName,
      AttributeType: attributeType[type],
    })),
    KeySchema: keySchema(definition.primaryIndex),
    ...(definition.globalIndexes
      ? {
          GlobalSecondaryIndexes: Object.entries(definition.globalIndexes).map(([IndexName, index]) => ({
            IndexName,
            KeySchema: keySchema(index),
            Projection: { ProjectionType: "ALL" },
          })),
        }
      : {}),
    ...(definition.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType[definition.stream] } } : {}),
  };
}

/** Creates a table unless it exists (persistent `bun dev` data), then turns on its TTL; `created` says which. */
export async function provisionTable(client: DynamoDBClient, name: string, definition: TableShape = tableDefinition): Promise<{ streamArn?: string; created: boolean }> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return { streamArn: Table?.LatestStreamArn, created: false };
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { TableDescription } = await client.send(new CreateTableCommand(createTableInput(name, definition)));
  if (definition.ttl) {
    await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: definition.ttl, Enabled: true } }));
  }
  return { streamArn: TableDescription?.LatestStreamArn, created: true };
}

/**
 * The application's two tables (its single table and the idempotency records) on DynamoDB Local
 * at `endpoint`. Resolves with whether the single table was created now (it is empty), and its
 * stream's ARN (so its event-source mapping need not ask for it).
 */
export async function provisionTables(endpoint: string, names: { tableName: string; idempotencyTableName: string }): Promise<{ created: boolean; streamArn?: string }> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const [table] = await Promise.all([provisionTable(client, names.tableName), provisionTable(client, names.idempotencyTableName, idempotencyTableDefinition)]);
    return { created: table.created, streamArn: table.streamArn };
  } finally {
    client.destroy();
  }
}
