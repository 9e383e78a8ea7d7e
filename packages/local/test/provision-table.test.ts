/**
 * The tables provisioned from the shared definitions, on DynamoDB Local: made when missing (with
 * their stream and TTL), found when there, whichever call goes first.
 */
import { DescribeTimeToLiveCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableDefinition } from "@emporium/core/table";
import { startDynamo } from "../src/emulators/dynamodb";
import { freePort } from "../src/emulators/ports";
import type { Emulator } from "../src/emulators/process";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../src/local-account";
import { provisionTable } from "../src/provision/table";

let dynamo: Emulator;
let client: DynamoDBClient;

beforeAll(async () => {
  dynamo = await startDynamo({ port: await freePort(), log: () => undefined });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await dynamo?.stop();
});

describe("provisioning a table", () => {
  for (const expectNew of [true, false]) {
    it(`creates a missing table with its stream and TTL, and finds it the next time (${expectNew ? "CreateTable" : "DescribeTable"} first)`, async () => {
      const name = `provision-${expectNew ? "create" : "describe"}-first`;
      const created = await provisionTable(client, name, tableDefinition, { expectNew });
      expect(created.created).toBe(true);
      expect(created.streamArn).toMatch(new RegExp(`table/${name}/stream/`));
      const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
      expect(TimeToLiveDescription).toMatchObject({ AttributeName: tableDefinition.ttl, TimeToLiveStatus: "ENABLED" });
      // There now, whether or not the caller expects a new one.
      for (const again of [true, false]) {
        expect(await provisionTable(client, name, tableDefinition, { expectNew: again })).toEqual({ created: false, streamArn: created.streamArn });
      }
    });
  }
});
