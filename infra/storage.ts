import { idempotencyTableDefinition, tableDefinition } from "../packages/core/src/table/definition";

/**
 * The single table. Its shape (fields, keys, indexes, stream, TTL) comes from the plain-data
 * definition in `@emporium/core`, which the offline runtime also turns into `CreateTable`, so
 * the deployed and the local table cannot drift apart. Billing is on-demand (SST's default).
 */
export const table = new sst.aws.Dynamo("Table", {
  fields: tableDefinition.fields,
  primaryIndex: tableDefinition.primaryIndex,
  globalIndexes: tableDefinition.globalIndexes,
  stream: tableDefinition.stream,
  ttl: tableDefinition.ttl,
  // First-class Dynamo arg in SST 4.17; it sets the table's `deletionProtectionEnabled`.
  deletionProtection: $app.stage === "production",
  transform: {
    table: (args) => {
      // SST 4.17 already enables PITR by default; state it so a future default change can't drop it.
      args.pointInTimeRecovery = { enabled: true };
      return undefined;
    },
  },
});

/** HMAC key that signs pagination cursors (tamper-evident). Set per stage with `sst secret set`. */
export const cursorSecret = new sst.Secret("CursorSecret");

/** Pepper of the API-key hashes: a leaked table alone does not let anyone check guessed keys. */
export const apiKeyPepper = new sst.Secret("ApiKeyPepper");

/** Powertools idempotency records (Idempotency-Key), expiring by TTL. */
export const idempotencyTable = new sst.aws.Dynamo("Idempotency", {
  fields: idempotencyTableDefinition.fields,
  primaryIndex: idempotencyTableDefinition.primaryIndex,
  ttl: idempotencyTableDefinition.ttl,
  deletionProtection: $app.stage === "production",
});
