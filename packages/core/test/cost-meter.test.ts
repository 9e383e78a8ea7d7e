import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand, QueryCommand as RawQueryCommand } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { METER_FLAG, METER_MARK, metered, type MeterLine } from "../src/aws/meter";
import { inputsSent } from "./support/meter";

/*
 * The cost meter against DynamoDB Local, on tables of its own: with the flag on, one line per
 * call with the capacity DynamoDB reported (0.5 RCU for an eventually consistent read of a small
 * item, 1 WCU per 1 KB written plus the index's), failed calls included, and no key values; the
 * kinds of item each call names, in every shape of input (key, item, batch, transaction, query
 * values, marshalled or not), and what reads return; with the flag off, nothing is asked for and
 * nothing is written. The messaging services: cost-meter-messaging.test.ts.
 */
const table = `cost-meter-${crypto.randomUUID()}`;
/** A table keyed by `pk` alone, and one keyed by `id` (as the idempotency table is). */
const flatTable = `cost-meter-flat-${crypto.randomUUID()}`;
const idTable = `cost-meter-id-${crypto.randomUUID()}`;
const config = () => ({ endpoint: inject("stack").endpoints.dynamodb, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
const clients: DynamoDBClient[] = [];
let lines: string[] = [];

function meteredRawClient(): DynamoDBClient {
  process.env[METER_FLAG] = "1";
  try {
    const client = metered(new DynamoDBClient(config()));
    clients.push(client);
    return client;
  } finally {
    delete process.env[METER_FLAG];
  }
}
const meteredClient = (): DynamoDBDocumentClient => DynamoDBDocumentClient.from(meteredRawClient());

/** A whole DynamoDB line: every field the meter writes is listed, so an extra one fails. */
const dynamoLine = (fields: Partial<MeterLine>) => ({ [METER_MARK]: 1, service: "DynamoDB", ...fields });
/** The capacity figures of one table, as DynamoDB Local reports them. */
const capacityOf = (tableName: string, units: number) => expect.objectContaining({ TableName: tableName, CapacityUnits: units });

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
  for (const [name, key] of [[flatTable, "pk"], [idTable, "id"]] as const) {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: key, AttributeType: "S" }],
        KeySchema: [{ AttributeName: key, KeyType: "HASH" }],
      }),
    );
  }
  client.destroy();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  const client = new DynamoDBClient(config());
  for (const name of [table, flatTable, idTable]) await client.send(new DeleteTableCommand({ TableName: name }));
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

  it("names an item's kind by its partition key's prefix, and its sort key's only when that is a marker of another kind", async () => {
    const documents = meteredClient();
    const id = crypto.randomUUID();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${id}`, sk: "LINE#1" } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${id}`, sk: "2026-12-03T10:00:00.000Z" } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `PRODUCT#${id}`, sk: "Mug, large" } }));
    await documents.send(new PutCommand({ TableName: flatTable, Item: { pk: `NOTE#${id}` } }));
    await documents.send(new PutCommand({ TableName: idTable, Item: { id, data: "no pk here" } }));
    expect(meterLines()).toEqual([
      dynamoLine({ operation: "PutItem", table, items: ["ORDER/LINE"], capacity: capacityOf(table, 1) }),
      // A date or a name in the sort key is a value, not a kind of item.
      dynamoLine({ operation: "PutItem", table, items: ["ORDER"], capacity: capacityOf(table, 1) }),
      dynamoLine({ operation: "PutItem", table, items: ["PRODUCT"], capacity: capacityOf(table, 1) }),
      dynamoLine({ operation: "PutItem", table: flatTable, items: ["NOTE"], capacity: capacityOf(flatTable, 1) }),
      // No `pk`: no kind to name.
      dynamoLine({ operation: "PutItem", table: idTable, capacity: capacityOf(idTable, 1) }),
    ]);
    expect(lines.join("\n")).not.toContain(id);
  });

  it("counts what reads return: 0 for a miss, a query's Count (also when it selects only the count), and names a query's kind by its key value alone", async () => {
    const documents = meteredClient();
    const raw = meteredRawClient();
    const id = crypto.randomUUID();
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${id}`, sk: "LINE#1" } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${id}`, sk: "LINE#2", sku: "mug-XL#2" } }));
    await documents.send(new PutCommand({ TableName: table, Item: { pk: `ORDER#${id}`, sk: "LINE#3" } }));
    lines = [];
    await documents.send(new GetCommand({ TableName: table, Key: { pk: `ORDER#${id}`, sk: "LINE#9" } }));
    // The first value is a SKU with an upper-case run before a `#`; the key is the second.
    const filter = { FilterExpression: "attribute_not_exists(sku) OR sku <> :sku", KeyConditionExpression: "pk = :pk" };
    await documents.send(new QueryCommand({ TableName: table, ...filter, ExpressionAttributeValues: { ":sku": "mug-XL#2", ":pk": `ORDER#${id}` } }));
    const counted = await raw.send(new RawQueryCommand({ TableName: table, ...filter, Select: "COUNT", ExpressionAttributeValues: { ":sku": { S: "mug-XL#2" }, ":pk": { S: `ORDER#${id}` } } }));
    expect(counted.Items).toBeUndefined();
    expect(meterLines()).toEqual([
      dynamoLine({ operation: "GetItem", table, items: ["ORDER/LINE"], returned: 0, capacity: capacityOf(table, 0.5) }),
      dynamoLine({ operation: "Query", table, items: ["ORDER"], returned: 2, capacity: capacityOf(table, 0.5) }),
      dynamoLine({ operation: "Query", table, items: ["ORDER"], returned: 2, capacity: capacityOf(table, 0.5) }),
    ]);
  });

  it("reports batch reads by the kinds they ask for and the items they return over all tables, consistent when any table asks", async () => {
    const documents = meteredClient();
    const { id, cart, profile, note } = newItems();
    await documents.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: [{ PutRequest: { Item: cart } }, { PutRequest: { Item: profile } }],
          [flatTable]: [{ PutRequest: { Item: note } }],
        },
      }),
    );
    await documents.send(
      new BatchGetCommand({
        RequestItems: {
          [table]: { Keys: [cart, profile, { pk: `GONE#${id}`, sk: "GONE" }] },
          [flatTable]: { Keys: [note], ConsistentRead: true },
        },
      }),
    );
    await documents.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: [cart, profile] } } }));
    const [write, mixed, eventual] = meterLines();
    // A batch write names no table or kind of item: only the capacity DynamoDB reports per table.
    expect(write).toEqual(dynamoLine({ operation: "BatchWriteItem", capacity: expect.arrayContaining([capacityOf(table, 2), capacityOf(flatTable, 1)]) }));
    expect(write!.capacity).toHaveLength(2);
    expect(mixed).toEqual(
      dynamoLine({ operation: "BatchGetItem", items: ["CART", "USER/PROFILE", "GONE", "NOTE"], consistentRead: true, returned: 3, capacity: expect.any(Array) }),
    );
    expect(eventual).toEqual(dynamoLine({ operation: "BatchGetItem", items: ["CART", "USER/PROFILE"], returned: 2, capacity: [capacityOf(table, 1)] }));
    expect(meterLines()).toHaveLength(3);
  });

  it("names each action of a transaction with its item's kind, whether the action carries a key or an item", async () => {
    const documents = meteredClient();
    const { id, cart, profile, note } = newItems();
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: table, Item: cart } }, { Put: { TableName: table, Item: profile } }, { Put: { TableName: flatTable, Item: note } }],
      }),
    );
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: { TableName: table, Key: cart, UpdateExpression: "SET quantity = :one", ExpressionAttributeValues: { ":one": 1 } } },
          { ConditionCheck: { TableName: table, Key: profile, ConditionExpression: "attribute_exists(pk)" } },
          { Delete: { TableName: flatTable, Key: note } },
        ],
      }),
    );
    await documents.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: table, Key: cart } }, { Get: { TableName: table, Key: profile } }] }));
    const [, write, read] = meterLines();
    expect(write).toEqual(dynamoLine({ operation: "TransactWriteItems", items: ["Update:CART", "ConditionCheck:USER/PROFILE", "Delete:NOTE"], capacity: expect.any(Array) }));
    // A transactional read's answer is a list of responses, not a count: no `returned`. Its
    // capacity is 2 RCU per item, as DynamoDB charges (unlike the transactional write above).
    expect(read).toEqual(dynamoLine({ operation: "TransactGetItems", items: ["Get:CART", "Get:USER/PROFILE"], capacity: [capacityOf(table, 4)] }));
  });

  it("asks for capacity on data-plane calls only: a control-plane call goes out as it came and is reported by table", async () => {
    const raw = meteredRawClient();
    const sent = inputsSent(raw);
    await raw.send(new DescribeTableCommand({ TableName: table }));
    await raw.send(new GetItemCommand({ TableName: table, Key: { pk: { S: "NONE#1" }, sk: { S: "NONE" } } }));
    expect(sent).toEqual([{ TableName: table }, expect.objectContaining({ TableName: table, ReturnConsumedCapacity: "INDEXES" })]);
    expect(meterLines()).toEqual([
      dynamoLine({ operation: "DescribeTable", table }),
      dynamoLine({ operation: "GetItem", table, items: ["NONE"], returned: 0, capacity: capacityOf(table, 0.5) }),
    ]);
  });
});

/** Three new items of three kinds: a cart and a profile in the table, a note in the one keyed by `pk` alone. */
function newItems() {
  const id = crypto.randomUUID();
  return { id, cart: { pk: `CART#${id}`, sk: "CART" }, profile: { pk: `USER#${id}`, sk: "PROFILE" }, note: { pk: `NOTE#${id}` } };
}
