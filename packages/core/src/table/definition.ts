/**
 * The single table, described once as plain data. `infra/storage.ts` turns it into an
 * `sst.aws.Dynamo` component and the offline runtime turns it into a `CreateTable` call, so the
 * deployed and the local table cannot drift apart.
 */
export const tableDefinition = {
  fields: {
    pk: "string",
    sk: "string",
    gsi1pk: "string",
    gsi1sk: "string",
    gsi2pk: "string",
    gsi2sk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  },
  stream: "new-and-old-images",
  ttl: "expiresAt",
} as const;

/**
 * Idempotency records of Powertools' DynamoDB persistence layer (its default key `id`, expiry
 * attribute `expiration`), in a table of their own so replayed responses never mix with data.
 */
export const idempotencyTableDefinition = {
  fields: { id: "string" },
  primaryIndex: { hashKey: "id" },
  ttl: "expiration",
} as const;

export interface TableShape {
  fields: Record<string, "string" | "number" | "binary">;
  primaryIndex: { hashKey: string; rangeKey?: string };
  globalIndexes?: Record<string, { hashKey: string; rangeKey?: string }>;
  stream?: "new-image" | "old-image" | "new-and-old-images" | "keys-only";
  ttl?: string;
}

export type TableDefinition = typeof tableDefinition;
export type GlobalIndexName = keyof TableDefinition["globalIndexes"];
