/**
 * The tables' template (a DynamoDB Local database file a fresh state starts from): a copy holds
 * both tables as provisioning makes them, empty, with the stream and TTL the template names.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { startDynamo } from "../src/emulators/dynamodb";
import { freePort } from "../src/emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";
import { buildTablesTemplate, copyTablesTemplate } from "../src/provision/tables-template";
import { createTableInput } from "../src/provision/table";
import { TABLE_NAMES } from "../src/stack/environment";
import { idempotencyTableDefinition } from "@emporium/core/table";

const dataDir = mkdtempSync(join(tmpdir(), "emporium-template-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the tables' template", () => {
  it("gives a fresh data folder both tables, empty, as provisioning makes them", async () => {
    await buildTablesTemplate(TABLE_NAMES);
    const template = copyTablesTemplate(TABLE_NAMES, dataDir);
    expect(template?.streamArn).toMatch(new RegExp(`table/${TABLE_NAMES.tableName}/stream/`));

    const dynamo = await startDynamo({ port: await freePort(), dataDir, log: () => undefined });
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      for (const [name, input] of [
        [TABLE_NAMES.tableName, createTableInput(TABLE_NAMES.tableName)],
        [TABLE_NAMES.idempotencyTableName, createTableInput(TABLE_NAMES.idempotencyTableName, idempotencyTableDefinition)],
      ] as const) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
        expect(Table?.KeySchema).toEqual(input.KeySchema);
        expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(input.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort());
        const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
        expect(TimeToLiveDescription?.TimeToLiveStatus).toBe("ENABLED");
        expect((await client.send(new ScanCommand({ TableName: name }))).Count).toBe(0);
      }
      const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAMES.tableName }));
      expect(Table?.LatestStreamArn).toBe(template?.streamArn);
      expect(Table?.StreamSpecification).toEqual(createTableInput(TABLE_NAMES.tableName).StreamSpecification);
    } finally {
      client.destroy();
      await dynamo.stop();
    }
  }, 60_000);
});
