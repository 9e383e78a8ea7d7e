import {
  CreateTableCommand,
  DynamoDBClient,
  DescribeTableCommand,
  ResourceInUseException,
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

/** How `provisionTable` goes about it. */
export interface ProvisionOptions {
  /**
   * The table is most likely not there (DynamoDB Local started without data): CreateTable
   * first, which spares a first start a DescribeTable that could only answer "not found" (about
   * 50 ms of a busy start, measured); a table that is there after all is then described.
   */
  expectNew?: boolean;
}

/** Creates a table unless it exists (persistent `bun dev` data), then turns on its TTL; `created` says which. */
export async function provisionTable(
  client: DynamoDBClient,
  name: string,
  definition: TableShape = tableDefinition,
  { expectNew = false }: ProvisionOptions = {},
): Promise<{ streamArn?: string; created: boolean }> {
  const existing = async () => {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return { streamArn: Table?.LatestStreamArn, created: false };
  };
  if (!expectNew) {
    try {
      return await existing();
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  let TableDescription;
  try {
    ({ TableDescription } = await client.send(new CreateTableCommand(createTableInput(name, definition))));
  } catch (error) {
    if (expectNew && error instanceof ResourceInUseException) return existing();
    throw error;
  }
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
export async function provisionTables(
  endpoint: string,
  names: { tableName: string; idempotencyTableName: string },
  options: ProvisionOptions = {},
): Promise<{ created: boolean; streamArn?: string }> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const [table] = await Promise.all([
      provisionTable(client, names.tableName, tableDefinition, options),
      provisionTable(client, names.idempotencyTableName, idempotencyTableDefinition, options),
    ]);
    return { created: table.created, streamArn: table.streamArn };
  } finally {
    client.destroy();
  }
}
