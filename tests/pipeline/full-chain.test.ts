import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { customerToken, adminToken } from "../support/users";
import { mailsAbout, salesOf, waitForStatus } from "../support/pipeline";
import { waitFor } from "../support/wait";

describe("the event pipeline, end to end", () => {
  it("order placed → stream → processor → SNS → queues → fulfilment → CONFIRMED → e-mails, and sales counted", async () => {
    const token = await customerToken();
    const kettle = await createProduct({ price: { amount: 5900, currency: "EUR" }, stock: 10 }, "approve");
    const filters = await createProduct({ price: { amount: 650, currency: "EUR" }, stock: 10 }, "approve");
    const started = Date.now();
    const placed = await post("/orders", { lines: [{ productId: kettle.id, quantity: 2 }, { productId: filters.id, quantity: 3 }] }, { token });
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;

    const confirmed = await waitForStatus(orderId, token, "CONFIRMED");
    expect(confirmed.version).toBe(2);
    console.log(`order ${orderId} confirmed ${Date.now() - started} ms after it was placed`);

    const mails = await waitFor("both e-mails", async () => {
      const found = await mailsAbout(orderId);
      return found.length >= 2 ? found : undefined;
    });
    expect(mails.map((mail) => mail.to)).toEqual([["customer@example.com"], ["customer@example.com"]]);
    expect(mails.map((mail) => mail.subject).sort()).toEqual([`We received your order ${orderId}`, `Your order ${orderId} is confirmed`].sort());
    expect(mails.find((mail) => mail.subject.startsWith("We received"))!.text).toContain("total 137.50 EUR");

    const day = (placed.body.createdAt as string).slice(0, 10);
    const kettleSales = await waitFor("kettle sales", async () => ((await salesOf(kettle.id, day))[0]?.quantity === 2 ? await salesOf(kettle.id, day) : undefined));
    expect(kettleSales).toEqual([{ productId: kettle.id, day, quantity: 2, revenue: { amount: 11800, currency: "EUR" }, orders: 1 }]);
    expect(await salesOf(filters.id, day)).toEqual([{ productId: filters.id, day, quantity: 3, revenue: { amount: 1950, currency: "EUR" }, orders: 1 }]);

    const allProducts = await get(`/analytics/sales?from=${day}&to=${day}`, { token: await adminToken() });
    expect(allProducts.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ productId: kettle.id, quantity: 2 })]));
  });

  it("a cancellation reaches the customer and takes the sale back out of the counters", async () => {
    const token = await customerToken();
    // The simulated provider is unreachable for this product, so the order stays PENDING
    // (fulfilment keeps retrying) and its customer can still cancel it.
    const product = await createProduct({ price: { amount: 1013, currency: "EUR" }, stock: 10 }, "unavailable");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token });
    const orderId = placed.body.id as string;
    const day = (placed.body.createdAt as string).slice(0, 10);
    await waitFor("the sale to be counted", async () => ((await salesOf(product.id, day))[0]?.quantity === 1 ? true : undefined));
    const cancelled = await post(`/orders/${orderId}/cancel`, undefined, { token });
    expect(cancelled.status).toBe(200);
    await waitFor("the sale to be taken back", async () => ((await salesOf(product.id, day))[0]?.quantity === 0 ? true : undefined));
    expect((await salesOf(product.id, day))[0]).toMatchObject({ quantity: 0, revenue: { amount: 0 }, orders: 0 });
    await waitFor("the cancellation e-mail", async () => ((await mailsAbout(orderId)).some((mail) => mail.subject.includes("cancelled")) ? true : undefined));
  });

  it("refuses analytics to customers and bad ranges", async () => {
    expect((await get("/analytics/sales?from=2026-01-01&to=2026-01-31", { token: await customerToken() })).status).toBe(403);
    const admin = await adminToken();
    for (const query of ["", "?from=2026-02-01&to=2026-01-01", "?from=2020-01-01&to=2026-01-01", "?from=yesterday&to=today", "?from=2026-01-01&to=2026-01-02&productId=x"]) {
      expect((await get(`/analytics/sales${query}`, { token: admin })).status, query).toBe(422);
    }
  });
});
