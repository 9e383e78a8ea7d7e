import { describe, expect, inject, it } from "vitest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { customerToken, newUser } from "../support/users";
import { mailsAbout, peek, waitForStatus } from "../support/pipeline";
import { ledgerEntry } from "@emporium/core/fulfilment";
import { waitFor } from "../support/wait";
import { functionLines } from "../support/logs";

describe("no loss under faults", () => {
  it("every order event is fulfilled exactly once in effect or sits in the DLQ: processed + dead-lettered = N", async () => {
    const N = 20;
    const user = await newUser();
    // The simulated provider is unreachable for one product: those orders' fulfilment always fails.
    const failing = await createProduct({ price: { amount: 1000, currency: "EUR" }, stock: 100 }, "unavailable");
    const healthy = await createProduct({ price: { amount: 1000, currency: "EUR" }, stock: 100 }, "approve");
    const orders: { id: string; failing: boolean }[] = [];
    for (let i = 0; i < N; i++) {
      const bad = i % 4 === 0;
      const placed = await post("/orders", { lines: [{ productId: (bad ? failing : healthy).id, quantity: 1 }] }, { token: user.accessToken });
      expect(placed.status).toBe(201);
      orders.push({ id: placed.body.id, failing: bad });
    }
    const dlqUrl = inject("stack").queues.FulfilmentQueue.deadLetter!.url;
    // Peeking hides messages for a few seconds, so what was seen is remembered across polls.
    const deadIds = new Set<string>();

    const settled = await waitFor(
      "every order to be confirmed or dead-lettered",
      async () => {
        const statuses = await Promise.all(orders.map(async (order) => (await get(`/orders/${order.id}`, { token: user.accessToken })).body));
        for (const message of await peek(dlqUrl, 200)) {
          const id = (JSON.parse(message.body) as { data: { orderId: string } }).data.orderId;
          if (orders.some((order) => order.id === id)) deadIds.add(id);
        }
        const confirmed = statuses.filter((order) => order.status === "CONFIRMED");
        return confirmed.length + deadIds.size === N ? { statuses, deadIds, confirmed } : undefined;
      },
      60_000,
      500,
    );

    console.log(`faults: ${settled.confirmed.length} confirmed, ${settled.deadIds.size} dead-lettered of ${N}`);
    expect(settled.confirmed.length + settled.deadIds.size).toBe(N);
    expect([...settled.deadIds].sort()).toEqual(orders.filter((order) => order.failing).map((order) => order.id).sort());
    expect(settled.confirmed.map((order) => order.id).sort()).toEqual(orders.filter((order) => !order.failing).map((order) => order.id).sort());
    // Confirmed exactly once: one status change after creation, whatever the redeliveries.
    expect(settled.confirmed.map((order) => order.version)).toEqual(Array(N - N / 4).fill(2));
    // The failing ones were never confirmed, only retried and parked; they stay PENDING, holding
    // their stock, until the expiry schedule gives it back (tests/e2e/order-lifecycle.test.ts).
    const parked = settled.statuses.filter((candidate) => settled.deadIds.has(candidate.id)).map(({ status, version }) => ({ status, version }));
    expect(parked).toEqual(Array(N / 4).fill({ status: "PENDING", version: 1 }));
  });

  it("a declined payment ends the order PAYMENT_FAILED with its stock back, nothing dead-lettered, and the customer told", async () => {
    // The seeded customer has an e-mail address on their profile, so the failure is e-mailed.
    const user = { accessToken: await customerToken() };
    const declined = await createProduct({ stock: 10 }, "decline");
    const placed = await post("/orders", { lines: [{ productId: declined.id, quantity: 4 }] }, { token: user.accessToken });
    expect(placed.status).toBe(201);
    expect((await get(`/products/${declined.id}`)).body.stock).toBe(6);
    const failed = await waitForStatus(placed.body.id, user.accessToken, "PAYMENT_FAILED");
    expect(failed.version).toBe(2);
    expect((await get(`/products/${declined.id}`)).body.stock).toBe(10);
    const mail = await waitFor("the payment-failed e-mail", async () => (await mailsAbout(placed.body.id)).find((m) => m.subject.includes("could not be completed")));
    expect(mail.text).toMatch(/payment was declined, nothing was charged/);
    expect(await ledgerEntry(placed.body.id)).toBeUndefined();
    // A terminal status: the customer can no longer cancel it, and stock is not given back twice.
    expect((await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken })).status).toBe(409);
    expect((await get(`/products/${declined.id}`)).body.stock).toBe(10);
    // Evidence first: Fulfilment handled the event, successfully (its line is written only then), so the message was deleted, not retried.
    const handled = await waitFor("Fulfilment's line for the order", async () => {
      const lines = functionLines("Fulfilment").filter((line) => line.message === "order event handled" && line.orderId === placed.body.id);
      return lines.length > 0 ? lines : undefined;
    });
    expect(handled.map((line) => line.outcome)).toEqual(["payment-failed"]);
    const dlq = await peek(inject("stack").queues.FulfilmentQueue.deadLetter!.url, 200);
    expect(dlq.filter((message) => message.body.includes(placed.body.id))).toEqual([]);
  });
});
