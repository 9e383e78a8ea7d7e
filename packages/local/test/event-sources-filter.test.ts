import { describe, expect, it } from "vitest";
import { compileFilters, InvalidFilter, type FilterPattern } from "../src/event-sources";
import { kinesisFilterSubject, sqsFilterSubject } from "../src/event-sources/filter-subject";
import { toLambdaKinesisRecord } from "../src/event-sources/kinesis-record";
import { toLambdaSQSRecord } from "../src/event-sources/sqs-record";

const matches = (pattern: FilterPattern, value: unknown) => compileFilters([pattern])(value);

const order = {
  eventName: "INSERT",
  dynamodb: {
    Keys: { pk: { S: "ORDER#01J" }, sk: { S: "ORDER" } },
    NewImage: { status: { S: "PENDING" }, total: { N: "1250" }, paid: { BOOL: false }, note: { NULL: true } },
  },
};

describe("event filter patterns", () => {
  it("passes everything without patterns", () => {
    expect(compileFilters(undefined)({})).toBe(true);
    expect(compileFilters([])("anything")).toBe(true);
  });

  it("matches exact values from a list, of any JSON scalar type", () => {
    expect(matches({ eventName: ["INSERT", "MODIFY"] }, order)).toBe(true);
    expect(matches({ eventName: ["REMOVE"] }, order)).toBe(false);
    expect(matches({ n: [5] }, { n: 5 })).toBe(true);
    expect(matches({ n: [5] }, { n: "5" })).toBe(false);
    expect(matches({ b: [true] }, { b: true })).toBe(true);
    expect(matches({ b: [true] }, { b: "true" })).toBe(false);
    expect(matches({ v: [null] }, { v: null })).toBe(true);
    expect(matches({ v: [null] }, {})).toBe(false);
    expect(matches({ v: [""] }, { v: "" })).toBe(true);
  });

  it("walks nested objects, every key having to match (AND)", () => {
    expect(matches({ dynamodb: { Keys: { sk: { S: ["ORDER"] } } } }, order)).toBe(true);
    expect(matches({ dynamodb: { Keys: { sk: { S: ["LINE"] } } } }, order)).toBe(false);
    expect(matches({ eventName: ["INSERT"], dynamodb: { NewImage: { status: { S: ["SHIPPED"] } } } }, order)).toBe(false);
    expect(matches({ dynamodb: { Missing: { S: ["x"] } } }, order)).toBe(false);
  });

  it("ORs the patterns of a mapping", () => {
    const filter = compileFilters([{ eventName: ["REMOVE"] }, { dynamodb: { NewImage: { status: { S: ["PENDING"] } } } }]);
    expect(filter(order)).toBe(true);
    expect(filter({ ...order, eventName: "REMOVE", dynamodb: {} })).toBe(true);
    expect(filter({ eventName: "MODIFY", dynamodb: {} })).toBe(false);
  });

  it("supports $or inside a pattern", () => {
    const pattern = { $or: [{ a: ["1"] }, { b: ["2"] }] };
    expect(matches(pattern, { a: "1" })).toBe(true);
    expect(matches(pattern, { b: "2" })).toBe(true);
    expect(matches(pattern, { a: "2", b: "1" })).toBe(false);
  });

  it("matches prefix and suffix on strings only, optionally ignoring case", () => {
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: "ORDER#" }] } } } }, order)).toBe(true);
    expect(matches({ dynamodb: { Keys: { pk: { S: [{ prefix: "USER#" }] } } } }, order)).toBe(false);
    expect(matches({ key: [{ suffix: ".png" }] }, { key: "a/b.png" })).toBe(true);
    expect(matches({ key: [{ suffix: ".png" }] }, { key: "a/b.PNG" })).toBe(false);
    expect(matches({ key: [{ suffix: { "equals-ignore-case": ".png" } }] }, { key: "a/b.PNG" })).toBe(true);
    expect(matches({ key: [{ prefix: { "equals-ignore-case": "ab" } }] }, { key: "ABc" })).toBe(true);
    expect(matches({ n: [{ prefix: "1" }] }, { n: 12 })).toBe(false);
  });

  it("matches equals-ignore-case", () => {
    expect(matches({ s: [{ "equals-ignore-case": "pending" }] }, { s: "PenDing" })).toBe(true);
    expect(matches({ s: [{ "equals-ignore-case": "pending" }] }, { s: "pending!" })).toBe(false);
  });

  it("matches anything-but a value, a list, or a prefix, but not a missing field", () => {
    expect(matches({ s: [{ "anything-but": "CANCELLED" }] }, { s: "PENDING" })).toBe(true);
    expect(matches({ s: [{ "anything-but": "CANCELLED" }] }, { s: "CANCELLED" })).toBe(false);
    expect(matches({ s: [{ "anything-but": ["A", "B"] }] }, { s: "B" })).toBe(false);
    expect(matches({ s: [{ "anything-but": ["A", "B"] }] }, { s: "C" })).toBe(true);
    expect(matches({ n: [{ "anything-but": [1, 2] }] }, { n: 3 })).toBe(true);
    expect(matches({ n: [{ "anything-but": [1, 2] }] }, { n: 2 })).toBe(false);
    expect(matches({ s: [{ "anything-but": { prefix: "tmp/" } }] }, { s: "tmp/x" })).toBe(false);
    expect(matches({ s: [{ "anything-but": { prefix: "tmp/" } }] }, { s: "img/x" })).toBe(true);
    expect(matches({ s: [{ "anything-but": "x" }] }, {})).toBe(false);
  });

  it("compares numbers with numeric ranges, and never numeric strings", () => {
    const range = { n: [{ numeric: [">", 0, "<=", 5] }] };
    expect(matches(range, { n: 0 })).toBe(false);
    expect(matches(range, { n: 0.5 })).toBe(true);
    expect(matches(range, { n: 5 })).toBe(true);
    expect(matches(range, { n: 5.01 })).toBe(false);
    expect(matches({ n: [{ numeric: ["=", 100] }] }, { n: 100 })).toBe(true);
    expect(matches({ n: [{ numeric: [">=", 10, "<", 20] }] }, { n: 20 })).toBe(false);
    // DynamoDB's N values are strings in the record.
    expect(matches({ dynamodb: { NewImage: { total: { N: [{ numeric: [">", 0] }] } } } }, order)).toBe(false);
  });

  it("checks existence on leaves only, as Lambda's docs warn for DynamoDB images", () => {
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } }, order)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: [{ exists: true }] } } }, order)).toBe(false);
    expect(matches({ dynamodb: { NewImage: { shipped: { S: [{ exists: false }] } } } }, order)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { status: { S: [{ exists: false }] } } } }, order)).toBe(false);
    // A null value exists; a nested pattern under a missing object still matches exists:false.
    expect(matches({ dynamodb: { NewImage: { note: { NULL: [{ exists: true }] } } } }, order)).toBe(true);
    expect(matches({ dynamodb: { OldImage: { status: { S: [{ exists: false }] } } } }, order)).toBe(true);
  });

  it("matches array values when any element matches", () => {
    expect(matches({ tags: ["red"] }, { tags: ["blue", "red"] })).toBe(true);
    expect(matches({ tags: ["green"] }, { tags: ["blue", "red"] })).toBe(false);
    expect(matches({ items: { sku: ["A"] } }, { items: [{ sku: "B" }, { sku: "A" }] })).toBe(true);
  });

  it("refuses patterns Lambda would refuse, naming where", () => {
    expect(() => compileFilters([{ a: "x" } as FilterPattern])).toThrow(InvalidFilter);
    expect(() => compileFilters([{ a: [] }])).toThrow(/filters\[0\]\.a/);
    expect(() => compileFilters([{ a: [{ wildcard: "x*" }] }])).toThrow(/unsupported operator "wildcard"/);
    expect(() => compileFilters([{ a: [{ numeric: [">"] }] }])).toThrow(InvalidFilter);
    expect(() => compileFilters([{ a: [{ numeric: ["~", 1] }] }])).toThrow(InvalidFilter);
    expect(() => compileFilters([{ a: [{ prefix: 1 }] }])).toThrow(InvalidFilter);
    expect(() => compileFilters([{ a: [{ exists: "yes" }] }])).toThrow(InvalidFilter);
    expect(() => compileFilters([{ a: [{ prefix: "x", suffix: "y" }] }])).toThrow(InvalidFilter);
    expect(() => compileFilters([{}])).toThrow(InvalidFilter);
  });
});

describe("what filters see", () => {
  const message = {
    MessageId: "m1",
    ReceiptHandle: "r1",
    MD5OfBody: "x",
    Body: JSON.stringify({ type: "order.created", total: 12 }),
    Attributes: { ApproximateReceiveCount: "1" },
  };

  it("SQS: the record with a JSON body parsed", () => {
    const record = toLambdaSQSRecord(message, "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1");
    const filter = compileFilters([{ body: { type: [{ prefix: "order." }], total: [{ numeric: [">", 10] }] } }]);
    expect(filter(sqsFilterSubject(record))).toBe(true);
    expect(compileFilters([{ attributes: { ApproximateReceiveCount: ["1"] } }])(sqsFilterSubject(record))).toBe(true);
  });

  it("SQS: a plain-text body stays a string, so only plain patterns can match it", () => {
    const record = toLambdaSQSRecord({ ...message, Body: "hello" }, "arn:aws:sqs:us-east-1:000000000000:q", "us-east-1");
    expect(compileFilters([{ body: ["hello"] }])(sqsFilterSubject(record))).toBe(true);
    expect(compileFilters([{ body: { type: [{ exists: false }] } }])(sqsFilterSubject(record))).toBe(true);
    expect(compileFilters([{ body: { type: ["order.created"] } }])(sqsFilterSubject(record))).toBe(false);
  });

  it("Kinesis: the kinesis properties with JSON data decoded", () => {
    const context = { shardId: "shardId-000000000000", streamArn: "arn:aws:kinesis:us-east-1:000000000000:stream/s", region: "us-east-1", invokeIdentityArn: "arn:aws:iam::000000000000:role/r" };
    const json = toLambdaKinesisRecord({ SequenceNumber: "1", PartitionKey: "p", Data: Buffer.from('{"kind":"sale","qty":3}') }, context);
    expect(compileFilters([{ partitionKey: ["p"], data: { kind: ["sale"], qty: [{ numeric: [">=", 3] }] } }])(kinesisFilterSubject(json))).toBe(true);
    const text = toLambdaKinesisRecord({ SequenceNumber: "2", PartitionKey: "p", Data: Buffer.from("not json") }, context);
    expect(compileFilters([{ data: { kind: ["sale"] } }])(kinesisFilterSubject(text))).toBe(false);
  });
});
