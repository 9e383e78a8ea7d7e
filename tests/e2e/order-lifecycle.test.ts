/**
 * The order state machine (packages/core/src/orders/lifecycle.ts) over HTTP: no order holds
 * stock that will never be paid. Payment failure is in tests/pipeline/faults.test.ts; races
 * between transitions in tests/events/order-races.test.ts.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { ledgerEntry } from "@emporium/core/fulfilment";
import { DEFAULT_HOLD_MINUTES } from "@emporium/core/orders";
import { schedules } from "@emporium/functions/manifest";
import { get, post } from "../support/http";
import { adminToken, customerToken, newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { mailsAbout, waitForStatus } from "../support/pipeline";
import { fireSchedule } from "../support/schedules";
import { waitFor } from "../support/wait";
import { clockPast } from "../support/clock";
import { offlineOnly } from "../support/target";

const HOLD_MS = DEFAULT_HOLD_MINUTES * 60_000;

describe("order lifecycle: no stock held forever", offlineOnly, () => {
  it("expires orders still PENDING after the hold, giving their stock back, and leaves younger ones alone", async () => {
    // The seeded customer has an e-mail address on their profile, so the expiry is e-mailed.
    const user = { accessToken: await customerToken() };
    // The provider is unreachable for this product: its orders stay PENDING (the case expiry exists for).
    const product = await createProduct({ stock: 10 }, "unavailable");
    const old = await post("/orders", { lines: [{ productId: product.id, quantity: 3 }] }, { token: user.accessToken });
    await clockPast(old.body.createdAt); // two distinct creation instants
    const young = await post("/orders", { lines: [{ productId: product.id, quantity: 2 }] }, { token: user.accessToken });
    expect([old.status, young.status]).toEqual([201, 201]);
    expect(Date.parse(young.body.createdAt)).toBeGreaterThan(Date.parse(old.body.createdAt));
    const taken = await get(`/products/${product.id}`);
    expect(taken.body.stock).toBe(5);

    // Fired one minute before the old order's hold ends: nothing of ours is due.
    const early = await fireSchedule("ExpirePendingOrders", new Date(Date.parse(old.body.createdAt) + HOLD_MS - 60_000));
    expect(early.expired).not.toContain(old.body.id);
    expect((await get(`/orders/${old.body.id}`, { token: user.accessToken })).body.status).toBe("PENDING");

    // Fired when the old order's hold has passed but the young one's has not.
    const between = (Date.parse(old.body.createdAt) + Date.parse(young.body.createdAt)) / 2;
    const fired = await fireSchedule("ExpirePendingOrders", new Date(between + HOLD_MS));
    expect(fired.expired).toContain(old.body.id);
    expect(fired.expired).not.toContain(young.body.id);

    const expired = await get(`/orders/${old.body.id}`, { token: user.accessToken });
    expect(expired.body).toMatchObject({ status: "EXPIRED", version: 2 });
    expect((await get(`/orders/${young.body.id}`, { token: user.accessToken })).body.status).toBe("PENDING");
    const restored = await get(`/products/${product.id}`);
    expect(restored.body.stock).toBe(8);
    expect(restored.body.version).toBe(taken.body.version + 1);
    expect(restored.headers.get("etag")).not.toBe(taken.headers.get("etag"));

    // Firing again changes nothing: the order is no longer PENDING, its stock is not given back twice.
    const again = await fireSchedule("ExpirePendingOrders", new Date(between + HOLD_MS));
    expect(again.expired).not.toContain(old.body.id);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(8);
    // An expired order is over: its customer cannot cancel it.
    expect((await post(`/orders/${old.body.id}/cancel`, undefined, { token: user.accessToken })).status).toBe(409);

    const mail = await waitFor("the expiry e-mail", async () => (await mailsAbout(old.body.id)).find((m) => m.subject.includes("expired")));
    expect(mail.text).toMatch(/nothing was charged/);
    const admin = await adminToken();
    const listed = await get(`/orders?status=EXPIRED&from=${encodeURIComponent(old.body.createdAt)}`, { token: admin });
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(old.body.id);
  });

  it("refunds a payment captured for an order cancelled before its confirmation: no paid CANCELLED order", async () => {
    const user = await newUser();
    // The simulator records the capture, then answers 3 s later: the window between payment and confirmation.
    const product = await createProduct({ stock: 5 }, { slowMs: 3_000 });
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 2 }] }, { token: user.accessToken });
    expect(placed.status).toBe(201);
    const captured = await waitFor("the payment to be captured", async () => {
      const entry = await ledgerEntry(placed.body.id);
      return entry?.status === "CAPTURED" ? entry : undefined;
    });
    expect(captured).toMatchObject({ amount: placed.body.total.amount, currency: "EUR" });

    const cancelled = await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("CANCELLED");
    expect((await get(`/products/${product.id}`)).body.stock).toBe(5);

    const refunded = await waitFor("the capture to be refunded", async () => {
      const entry = await ledgerEntry(placed.body.id);
      return entry?.status === "REFUNDED" ? entry : undefined;
    });
    expect(refunded.reference).toBe(captured.reference);
    // Fulfilment lost the race to confirm: the order stays CANCELLED, changed once.
    expect((await get(`/orders/${placed.body.id}`, { token: user.accessToken })).body).toMatchObject({ status: "CANCELLED", version: 2 });
    expect((await get(`/products/${product.id}`)).body.stock).toBe(5);
  });

  it("confirms a paid order that nobody cancelled, and keeps its capture", async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 5 }, "approve");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    await waitForStatus(placed.body.id, user.accessToken, "CONFIRMED");
    expect(await ledgerEntry(placed.body.id)).toMatchObject({ status: "CAPTURED" });
    // A confirmed (paid) order cannot be cancelled: that would be a paid CANCELLED order.
    expect((await post(`/orders/${placed.body.id}/cancel`, undefined, { token: user.accessToken })).status).toBe(409);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(4);
  });

  it("the offline runtime fires the expiry schedule on the manifest's expression", async () => {
    expect(schedules.ExpirePendingOrders.schedule).toBe("rate(1 minute)");
    const firings = () =>
      readFileSync(inject("stack").logFile, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("[schedule:ExpirePendingOrders] fired for "))
        .map((line) => Date.parse(line.split("fired for ")[1]!.split(" ")[0]!));
    // Two firings, one minute apart, as EventBridge would fire rate(1 minute).
    const seen = await waitFor("two firings of the schedule", async () => (firings().length >= 2 ? firings() : undefined), 130_000, 1_000);
    expect(seen[1]! - seen[0]!).toBe(60_000);
  }, 140_000);
});
