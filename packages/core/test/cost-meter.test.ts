import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { METER_FLAG, METER_MARK, metered, type MeterLine } from "../src/aws/meter";

/*
 * The cost meter against DynamoDB Local, on a table of its own: with the flag on, one line per
 * call with the capacity DynamoDB reported (0.5 RCU for an eventually consistent read of a small
 * item, 1 WCU per 1 KB written plus the index's), failed calls included, and no key values; with
 * the flag off, nothing is asked for and nothing is written.
 */
const table = `cost-meter-${crypto.randomUUID()}`;
const config = () => ({ endpoint: inject("stack").endpoints.dynamodb, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
const clients: DynamoDBClient[] = [];
let lines: string[] = [];

function meteredClient(): DynamoDBDocumentClient {
  process.env[METER_FLAG] = "1";
  try {
    const client = metered(new DynamoDBClient(config()));
    clients.push(client);
    return DynamoDBDocumentClient.from(client);
  } finally {
    delete process.env[METER_FLAG];
  }
}

const meterLines = () => lines.filter((line) => line.includes(METER_MARK)).map((line) => JSON.parse(line) as MeterLine & { capacity: any });

beforeAll(async () => {
  const client = new DynamoDBClient(config());
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["pk", "sk", "gsi1pk", "gsi1sk"].map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      GlobalSecondaryIndexes: [
        { IndexName: "gsi1", KeySchema: [{ AttributeName: "gsi1pk", KeyType: "HASH" }, { AttributeName: "gsi1sk", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } },
      ],
    }),
  );
  client.destroy();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  const client = new DynamoDBClient(config());
  await client.send(new DeleteTableCommand({ TableName: table }));
  client.destroy();
});

beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
});
afterEach(() => {
  lines = [];
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe("the cost meter", () => {
  it("reports each call's service, operation, item kind and consumed capacity, split over the table and its index", async () => {
    const documents = meteredClient();
    const secret = `secret-${crypto.randomUUID()}`;
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ITEM#${secret}`, sk: "ITEM", gsi1pk: "LIST", gsi1sk: secret, note: "small" } }));
    await documents.send(new GetCommand({ TableName: table, Key: { pk: `ITEM#${secret}`, sk: "ITEM" } }));
    await documents.send(new GetCommand({ TableName: table, Key: { pk: `ITEM#${secret}`, sk: "ITEM" }, ConsistentRead: true }));
    await documents.send(new QueryCommand({ TableName: table, IndexName: "gsi1", KeyConditionExpression: "gsi1pk = :list", ExpressionAttributeValues: { ":list": "LIST" } }));

    const [put, get, consistentGet, query] = meterLines();
    expect(put).toMatchObject({ service: "DynamoDB", operation: "PutItem", table, items: ["ITEM"] });
    expect(put!.capacity).toMatchObject({ TableName: table, CapacityUnits: 2, Table: { CapacityUnits: 1 }, GlobalSecondaryIndexes: { gsi1: { CapacityUnits: 1 } } });
    expect(get).toMatchObject({ operation: "GetItem", items: ["ITEM"], returned: 1, capacity: { CapacityUnits: 0.5 } });
    expect(consistentGet).toMatchObject({ operation: "GetItem", consistentRead: true, capacity: { CapacityUnits: 1 } });
    expect(query).toMatchObject({ operation: "Query", index: "gsi1", returned: 1, capacity: { CapacityUnits: 0.5 } });
    // Kinds of items, never keys or values.
    expect(lines.join("\n")).not.toContain(secret);
  });

  it("reports writes by size, and transactions as DynamoDB Local counts them", async () => {
    const documents = meteredClient();
    const id = crypto.randomUUID();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `BIG#${id}`, sk: "BIG", body: "x".repeat(1500) } }));
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: `A#${id}`, sk: "A" } } },
          { Put: { TableName: table, Item: { pk: `B#${id}`, sk: "B" } } },
        ],
      }),
    );
    const [big, transaction] = meterLines();
    expect(big!.capacity).toMatchObject({ CapacityUnits: 2 });
    expect(transaction).toMatchObject({ operation: "TransactWriteItems", items: ["Put:A", "Put:B"] });
    // DynamoDB charges 2 WCU per item of a transaction; DynamoDB Local reports 1, which is why
    // the cost model (bench/cost/capacity.ts) charges a transaction at least its minimum.
    expect(transaction!.capacity).toEqual([expect.objectContaining({ TableName: table, CapacityUnits: 2, Table: { CapacityUnits: 2 } })]);
  });

  it("reports a failed call and lets its error through", async () => {
    const documents = meteredClient();
    const item = { pk: `ONCE#${crypto.randomUUID()}`, sk: "ONCE" };
    await documents.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" }));
    await expect(documents.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: "attribute_not_exists(pk)" }))).rejects.toThrow(/conditional request failed/i);
    const [, failed] = meterLines();
    expect(failed).toMatchObject({ operation: "PutItem", items: ["ONCE"], failed: "ConditionalCheckFailedException" });
  });

  it("is off unless the flag is set: no capacity asked for, no line written", async () => {
    const client = metered(new DynamoDBClient(config()));
    clients.push(client);
    const answer = await client.send(new GetItemCommand({ TableName: table, Key: { pk: { S: "NONE" }, sk: { S: "NONE" } } }));
    expect(answer.ConsumedCapacity).toBeUndefined();
    expect(lines).toEqual([]);
  });
});
