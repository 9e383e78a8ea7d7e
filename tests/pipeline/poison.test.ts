import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { describe, expect, inject, it } from "vitest";
import { post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { customerToken } from "../support/users";
import { peek, waitForStatus } from "../support/pipeline";
import { waitFor } from "../support/wait";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

describe("a poison record on a stream", () => {
  it("is retried up to the limit, then parked in the failure queue, and records after it go on", async () => {
    const { endpoints, tableName, queues } = inject("stack");
    // An order item no event can be made of (no total, no lines): the processor fails on it every time.
    const poisonId = `POISON${Date.now()}`;
    const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: `ORDER#${poisonId}` },
          sk: { S: "ORDER" },
          id: { S: poisonId },
          userId: { S: "nobody" },
          status: { S: "PENDING" },
          version: { N: "1" },
          createdAt: { S: "not a date" },
          updatedAt: { S: "not a date" },
        },
      }),
    );
    dynamo.destroy();

    // An ordinary order placed right after it.
    const token = await customerToken();
    const product = await createProduct({ price: { amount: 700, currency: "EUR" }, stock: 5 }, "approve");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token });
    expect(placed.status).toBe(201);

    const failure = await waitFor(
      "the poison batch in the failure queue",
      async () => {
        const parked = (await peek(queues.OrderEventsFailures.url)).map((message) => JSON.parse(message.body));
        return parked.find((record) => record.requestContext?.condition === "RetryAttemptsExhausted");
      },
      60_000,
      500,
    );
    expect(failure).toMatchObject({
      version: "1.0",
      requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: expect.any(Number) },
      responseContext: { executedVersion: "$LATEST" },
      DDBStreamBatchInfo: { batchSize: expect.any(Number), streamArn: expect.stringContaining(":table/"), startSequenceNumber: expect.any(String) },
    });
    expect(failure.requestContext.approximateInvokeCount).toBeGreaterThanOrEqual(4); // first try + 3 retries
    expect(failure.DDBStreamBatchInfo.batchSize).toBeGreaterThanOrEqual(1);

    await waitForStatus(placed.body.id, token, "CONFIRMED", 60_000);
  });

  it("on the Analytics stream: sales analytics retries it up to the limit, then parks it in its failure queue", async () => {
    const { endpoints, kinesisStreams, queues } = inject("stack");
    // Not the stream's record format (a JSON array of events): the consumer can never count it.
    const kinesis = new KinesisClient({ endpoint: endpoints.kinesis, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const { SequenceNumber } = await kinesis.send(
      new PutRecordCommand({ StreamARN: kinesisStreams.Analytics.arn, PartitionKey: `poison-${Date.now()}`, Data: new TextEncoder().encode("not events") }),
    );
    kinesis.destroy();

    const failure = await waitFor(
      "the poison record in SalesAnalyticsFailures",
      async () => {
        const parked = (await peek(queues.SalesAnalyticsFailures.url)).map((message) => JSON.parse(message.body));
        return parked.find((record) => record.KinesisBatchInfo?.startSequenceNumber === SequenceNumber);
      },
      60_000,
      500,
    );
    expect(failure).toMatchObject({
      version: "1.0",
      requestContext: { condition: "RetryAttemptsExhausted" },
      // The batch starts at the poison record: records before it were counted (partial batch responses).
      KinesisBatchInfo: { shardId: expect.any(String), batchSize: expect.any(Number), streamArn: kinesisStreams.Analytics.arn },
    });
    expect(failure.requestContext.approximateInvokeCount).toBeGreaterThanOrEqual(6); // first try + 5 retries
  });
});
