import { describe, expect, it } from "vitest";
import { consumers, consumersFor } from "@emporium/functions/manifest";
import type { MessagingResources } from "../src/provision/messaging";
import { eventSourceMappings } from "../src/stack/mappings";

const address = { url: "http://127.0.0.1:1/000000000000/q", arn: "arn:aws:sqs:us-east-1:000000000000:q" };
const messaging = {
  queues: new Proxy({}, { get: () => address }),
  kinesisStreams: new Proxy({}, { get: () => ({ name: "analytics", arn: "arn:aws:kinesis:us-east-1:000000000000:stream/analytics" }) }),
} as unknown as MessagingResources;

describe("stage settings of the consumers", () => {
  it("give the local stage its own processor batching window, from the manifest, and leave deployed stages as specified", () => {
    expect(consumers.OrderEventsProcessor.batchingWindowSeconds).toBe(1);
    expect(consumersFor("local").OrderEventsProcessor.batchingWindowSeconds).toBe(0);
    expect(consumersFor("production").OrderEventsProcessor.batchingWindowSeconds).toBe(1);
    expect(consumersFor("local").SalesAnalytics).toEqual(consumers.SalesAnalytics);
  });

  it("reach the local event-source mappings", () => {
    const window = (stage?: string) => eventSourceMappings({ tableName: "table" }, messaging, stage).find((mapping) => mapping.name === "OrderEventsProcessor")!.batchingWindowSeconds;
    expect(window()).toBe(0);
    expect(window("deployed")).toBe(1);
  });

  it("give the stream sources the ARNs provisioning found, so the mappings need not ask", () => {
    const mappings = eventSourceMappings({ tableName: "table", streamArn: "arn:aws:dynamodb:ddblocal:000000000000:table/table/stream/1" }, messaging);
    const source = (name: string) => mappings.find((mapping) => mapping.name === name)!.source;
    expect(source("OrderEventsProcessor")).toMatchObject({ kind: "dynamodb", tableName: "table", streamArn: "arn:aws:dynamodb:ddblocal:000000000000:table/table/stream/1" });
    expect(source("SalesAnalytics")).toMatchObject({ kind: "kinesis", streamName: "analytics", streamArn: "arn:aws:kinesis:us-east-1:000000000000:stream/analytics" });
  });
});
