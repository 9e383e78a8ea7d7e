import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart, chromiumAvailable, launch, openApp, screenshot } from "../support/browser";
import { createProduct } from "../support/catalogue";
import { latestCode } from "../support/mailbox";
import { offlineOnly } from "../support/target";

/**
 * A new customer's whole journey in the web app, through the UI only: sign up, confirm with the
 * e-mailed code, log in, buy two products and watch the order confirm live, then place a second
 * order, cancel it, and see the stock come back.
 */
let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!chromiumAvailable)("customer journey in the browser", () => {
  it("signs up, confirms with the e-mailed code, logs in, orders, sees CONFIRMED live, cancels a second order", { ...offlineOnly, timeout: 120_000 }, async () => {
    const email = `shopper-${randomUUID()}@example.com`;
    const password = `Sh0pper-${randomUUID().slice(0, 8)}!`;
    const lamp = await createProduct({ name: `Brass lamp ${randomUUID().slice(0, 6)}`, price: { amount: 1500, currency: "EUR" }, stock: 10 }, "approve");
    const vase = await createProduct({ name: `Clay vase ${randomUUID().slice(0, 6)}`, price: { amount: 2450, currency: "EUR" }, stock: 10 }, "approve");
    // The payment provider cannot be reached for it, so its order stays PENDING to be cancelled.
    const rug = await createProduct({ name: `Wool rug ${randomUUID().slice(0, 6)}`, price: { amount: 1013, currency: "EUR" }, stock: 7 }, "unavailable");

    const { context, page } = await openApp(browser);

    // Sign up; the API's validation message for a weak password appears beside the field.
    await page.goto("/signup");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByText("Password: must be at least 12 characters").count()).toBe(1);
    await expect(page.getByLabel("Password").getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    // Confirm with the code the offline mail delivered.
    await page.getByRole("heading", { name: "Confirm your e-mail" }).waitFor();
    await page.getByLabel("Confirmation code").fill(latestCode(email));
    await page.getByRole("button", { name: "Confirm" }).click();

    await page.getByRole("heading", { name: "Log in" }).waitFor();
    await expect.poll(() => page.getByLabel("Email").inputValue()).toBe(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("link", { name: "My orders" }).waitFor();

    // Two products in the cart, which survives a reload.
    await addToCart(page, lamp);
    await addToCart(page, vase);
    await page.reload();
    await page.getByRole("link", { name: "Cart 2 items" }).click();
    await page.getByRole("list", { name: "Cart" }).getByRole("link", { name: vase.name }).waitFor();
    await expect.poll(() => page.getByRole("list", { name: "Cart" }).getByRole("listitem").count()).toBe(2);

    // Check out; the order page turns CONFIRMED by itself, with no reload in between.
    const polls: number[] = [];
    page.on("response", (response) => {
      if (/\/api\/orders\/[^/]+$/.test(new URL(response.url()).pathname) && response.request().method() === "GET") polls.push(response.status());
    });
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orderUrl = page.url();
    await page.evaluate("window.__sameDocument = true");
    await page.getByRole("status").filter({ hasText: "Confirmed" }).waitFor({ timeout: 45_000 });
    expect(await page.evaluate("window.__sameDocument")).toBe(true);
    expect(page.url()).toBe(orderUrl);
    await page.getByRole("cell", { name: "€39.50" }).waitFor();
    await screenshot(page, "customer-order-confirmed");

    // A second order, left PENDING, then cancelled from "My orders": the stock comes back.
    await addToCart(page, rug);
    await page.getByRole("link", { name: /^Cart/ }).click();
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    await page.getByRole("status").filter({ hasText: "Pending" }).waitFor();
    const pendingId = page.url().split("/").pop()!;
    // While it stays PENDING the page keeps polling with If-None-Match: unchanged, so 304s.
    polls.length = 0;
    await expect.poll(() => polls.filter((status) => status === 304).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(polls.every((status) => status === 304 || status === 200)).toBe(true);
    await page.getByRole("link", { name: rug.name }).click();
    await page.getByText("6 in stock").waitFor();

    await page.getByRole("link", { name: "My orders" }).click();
    await page.getByRole("button", { name: `Cancel Order ${pendingId.slice(-8)}` }).click();
    await page.getByRole("list", { name: "Orders" }).getByRole("listitem").filter({ hasText: pendingId.slice(-8) }).getByText("Cancelled").waitFor();
    await screenshot(page, "customer-orders-after-cancel");
    await page.goto(`/products/${rug.id}`);
    await page.getByText("7 in stock").waitFor();
    await context.close();
  });
});
