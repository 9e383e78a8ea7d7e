import { describe, expect, it } from "vitest";
import type { Context } from "aws-lambda";
import { handler as processor } from "@emporium/functions/consumers/order-events";
import { handler as fulfilment } from "@emporium/functions/consumers/fulfilment";
import { handler as notifications } from "@emporium/functions/consumers/notifications";
import { handler as salesAnalytics } from "@emporium/functions/consumers/sales-analytics";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { customerToken } from "../support/users";
import { claimsOf } from "../support/tokens";
import { mailsAbout, salesOf, waitForStatus } from "../support/pipeline";
import { waitFor } from "../support/wait";
import { functionLines } from "../support/logs";
import { kinesisEvent, orderEvent, orderImage, sqsEvent, streamEvent } from "./consumer-events";

/**
 * The consumers, invoked directly with events shaped as AWS documents them (not only as the
 * local mappings produce them), twice where duplicates matter.
 */
const context = { awsRequestId: "c0ffee00-0000-4000-8000-000000000000", functionName: "test", getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
const DAY = "2026-11-21";

describe("consumers under AWS-shaped events", () => {
  it("sales analytics counts a Kinesis record once, however often it is delivered", async () => {
    const event = orderEvent({ quantity: 3, amount: 250 });
    const productId = event.data.lines[0]!.productId;
    const delivery = kinesisEvent([JSON.stringify(event)]);
    expect(await salesAnalytics(delivery, context)).toEqual({ batchItemFailures: [] });
    expect(await salesAnalytics(delivery, context)).toEqual({ batchItemFailures: [] });
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 3, revenue: { amount: 750, currency: "EUR" }, orders: 1 }]);

    const cancelled = orderEvent({ type: "order.status_changed", status: "CANCELLED", orderId: event.data.orderId, productId, quantity: 3, amount: 250, version: 2 });
    await salesAnalytics(kinesisEvent([JSON.stringify(cancelled)]), context);
    await salesAnalytics(kinesisEvent([JSON.stringify(cancelled)]), context);
    expect(await salesOf(productId, DAY)).toEqual([{ productId, day: DAY, quantity: 0, revenue: { amount: 0, currency: "EUR" }, orders: 0 }]);
  });

  it("sales analytics reports a record that breaks the contract as a batch item failure", async () => {
    const good = orderEvent();
    const delivery = kinesisEvent([JSON.stringify(good), JSON.stringify({ type: "order.created", version: 2 })]);
    const response = await salesAnalytics(delivery, context);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: delivery.Records[1]!.kinesis.sequenceNumber }] });
  });

  it("fulfilment confirms an order once, however often the message is delivered", async () => {
    const token = await customerToken();
    const product = await createProduct({ price: { amount: 500, currency: "EUR" }, stock: 5 }, "approve");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token });
    const order = placed.body;
    const event = orderEvent({ orderId: order.id, userId: order.userId, productId: product.id, quantity: 1, amount: 500 });
    const delivery = sqsEvent([JSON.stringify(event)]);
    expect(await fulfilment(delivery, context)).toEqual({ batchItemFailures: [] });
    expect(await fulfilment(delivery, context)).toEqual({ batchItemFailures: [] });
    const confirmed = await waitForStatus(order.id, token, "CONFIRMED");
    expect(confirmed.version).toBe(2);
    // The live pipeline delivers the same event too: once its Fulfilment has handled it, still one confirmation.
    const live = await waitFor("the live Fulfilment to handle the order's event", async () =>
      functionLines("Fulfilment").find((line) => line.message === "order event handled" && line.orderId === order.id),
    );
    expect(live.eventId).toBe(`${order.id}:v1`);
    expect((await get(`/orders/${order.id}`, { token })).body).toMatchObject({ status: "CONFIRMED", version: 2 });
  });

  it("fulfilment reports an unreachable payment provider as a batch item failure and leaves the order PENDING", async () => {
    const token = await customerToken();
    const product = await createProduct({ price: { amount: 1013, currency: "EUR" }, stock: 5 }, "unavailable");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token });
    const failing = JSON.stringify(orderEvent({ orderId: placed.body.id, userId: placed.body.userId, productId: product.id, quantity: 1, amount: 1013 }));
    const unknownOrder = JSON.stringify(orderEvent()); // nothing to fulfil: succeeds as a no-op
    const delivery = sqsEvent([unknownOrder, failing]);
    expect(await fulfilment(delivery, context)).toEqual({ batchItemFailures: [{ itemIdentifier: delivery.Records[1]!.messageId }] });
    // When every record fails, Powertools fails the invocation: Lambda then retries the whole batch.
    await expect(fulfilment(sqsEvent([failing]), context)).rejects.toThrow(/All records failed processing/);
    expect((await get(`/orders/${placed.body.id}`, { token })).body).toMatchObject({ status: "PENDING", version: 1 });
  });

  it("notifications e-mail once per event", async () => {
    const userId = String(claimsOf(await customerToken()).sub);
    const event = orderEvent({ userId });
    const delivery = sqsEvent([JSON.stringify(event), JSON.stringify(event)], "emporium-prod-NotificationsQueue");
    expect(await notifications(delivery, context)).toEqual({ batchItemFailures: [] });
    expect(await notifications(sqsEvent([JSON.stringify(event)]), context)).toEqual({ batchItemFailures: [] });
    const mails = await mailsAbout(event.data.orderId);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ["customer@example.com"], subject: `We received your order ${event.data.orderId}` });
  });

  it("the stream processor publishes one event per change of an order item", async () => {
    const created = orderEvent({ quantity: 4, amount: 100 });
    const productId = created.data.lines[0]!.productId;
    const insert = orderImage(created);
    const confirmed = orderImage(created, { status: "CONFIRMED", version: 2 });
    const touched = orderImage(created, { status: "CONFIRMED", version: 3 });
    const delivery = streamEvent([
      { eventName: "INSERT", newImage: insert },
      { eventName: "MODIFY", oldImage: insert, newImage: confirmed },
      { eventName: "MODIFY", oldImage: confirmed, newImage: touched }, // no status change: no event
      { eventName: "REMOVE", oldImage: touched },
    ]);
    expect(await processor(delivery, context)).toEqual({ batchItemFailures: [] });
    // The published order.created reached the analytics stream and was counted by the live pipeline.
    await waitFor("the processed order's sales", async () => ((await salesOf(productId, DAY))[0]?.quantity === 4 ? true : undefined));
  });

  it("the stream processor reports an order item it cannot read, by sequence number", async () => {
    const good = orderEvent();
    const delivery = streamEvent([
      { eventName: "INSERT", newImage: orderImage(good) },
      { eventName: "INSERT", newImage: { ...orderImage(orderEvent()), total: { S: "lots" } } },
    ]);
    expect(await processor(delivery, context)).toEqual({ batchItemFailures: [{ itemIdentifier: delivery.Records[1]!.dynamodb!.SequenceNumber }] });
  });
});
