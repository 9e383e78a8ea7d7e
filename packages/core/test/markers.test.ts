/** "Done once" markers and the table's health probe, against the real table. */
import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { claim, documentClient, markerItem, markerKey, pingTable, release, tableName } from "../src/table";

describe("done-once markers", () => {
  it("claims an id once per scope until it is released", async () => {
    const id = randomUUID();
    expect(await claim("test-markers", id)).toBe(true);
    expect(await claim("test-markers", id)).toBe(false);
    expect(await claim("test-markers-other", id)).toBe(true);
    await release("test-markers", id);
    expect(await claim("test-markers", id)).toBe(true);
  });

  it("expires a marker after its days, fourteen unless told", async () => {
    const now = Date.UTC(2026, 11, 3, 12, 0, 0, 999);
    expect(markerItem("sales", "e1", 30, now)).toEqual({ pk: "DONE#sales#e1", sk: "DONE", expiresAt: Math.floor(now / 1000) + 30 * 86_400 });
    const id = randomUUID();
    const before = Math.floor(Date.now() / 1000);
    await claim("test-markers", id);
    const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: markerKey("test-markers", id), ConsistentRead: true }));
    expect(Item?.expiresAt).toBeGreaterThanOrEqual(before + 14 * 86_400);
    expect(Item?.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 14 * 86_400);
  });
});

describe("the table's health probe", () => {
  it("reports the table reachable with a latency in whole milliseconds", async () => {
    const health = await pingTable();
    expect(health.reachable).toBe(true);
    expect(Number.isInteger(health.latencyMs)).toBe(true);
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
