/**
 * The tables' template (a DynamoDB Local database file a fresh state starts from): a copy holds
 * both tables as provisioning makes them, with the stream and TTL the template names, and the
 * catalogue as the seed writes it; a persisted stack started on it writes only the profiles.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { startDynamo } from "../src/emulators/dynamodb";
import { freePort } from "../src/emulators/ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";
import { buildTablesTemplate, copyTablesTemplate } from "../src/provision/tables-template";
import { createTableInput } from "../src/provision/table";
import { TABLE_NAMES } from "../src/stack/environment";
import { catalogue } from "../src/seed";
import { signIn, startStack } from "../src/stack";
import { idempotencyTableDefinition } from "@emporium/core/table";

const dataDir = mkdtempSync(join(tmpdir(), "emporium-template-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the tables' template", () => {
  it("gives a fresh data folder both tables as provisioning makes them, the catalogue in the main one", async () => {
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
      }
      expect((await client.send(new ScanCommand({ TableName: TABLE_NAMES.idempotencyTableName }))).Count).toBe(0);
      const { Items } = await client.send(new ScanCommand({ TableName: TABLE_NAMES.tableName }));
      expect(Items?.map((item) => item.name?.S).sort()).toEqual(catalogue.map((product) => product.name).sort());
      expect(template?.products).toBe(catalogue.length);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE_NAMES.tableName }));
      expect(Table?.LatestStreamArn).toBe(template?.streamArn);
      expect(Table?.StreamSpecification).toEqual(createTableInput(TABLE_NAMES.tableName).StreamSpecification);
    } finally {
      client.destroy();
      await dynamo.stop();
    }
  }, 60_000);

  it("gives a persisted stack on fresh data the catalogue, so that its seed writes only the profiles", async () => {
    await buildTablesTemplate(TABLE_NAMES);
    const stateDir = mkdtempSync(join(tmpdir(), "emporium-template-stack-"));
    const seedLines: string[] = [];
    const stack = await startStack({
      root: resolve(import.meta.dirname, "../../.."),
      ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
      persist: true,
      stateDir,
      watch: false,
      log: (source, line) => source === "seed" && seedLines.push(line),
    });
    try {
      expect(seedLines).toEqual([`${catalogue.length} product(s) copied from the tables' template and 3 profile(s) written`]);
      const listing = await fetch(`${stack.apiUrl}/products?limit=50`);
      expect(listing.status).toBe(200);
      const { items } = (await listing.json()) as { items: { name: string }[] };
      expect(items.map((product) => product.name).sort()).toEqual(catalogue.map((product) => product.name).sort());
      const customer = stack.users.find((user) => user.role === "customer")!;
      const { accessToken } = await signIn(stack.endpoints.cognito, stack.clientId, customer.email, customer.password);
      const me = await fetch(`${stack.apiUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(await me.json()).toMatchObject({ email: customer.email, name: customer.name });
    } finally {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
