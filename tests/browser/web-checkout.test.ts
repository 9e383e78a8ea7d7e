import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart, chromiumAvailable, launch, logIn, openApp } from "../support/browser";
import { createProduct } from "../support/catalogue";
import { get } from "../support/http";
import { newUser } from "../support/users";
import { offlineOnly } from "../support/target";

/**
 * Checkout places one order per attempt, whatever the browser does: the Idempotency-Key is made
 * once per attempt and reused, so neither a double click nor a retry after a lost answer makes a
 * second order. Counted through the API as the customer.
 */
let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

async function ordersOf(token: string) {
  const response = await get("/me/orders", { token });
  expect(response.status).toBe(200);
  return response.body.items as { id: string; lineCount: number }[];
}

describe.skipIf(!chromiumAvailable)("checkout in the browser", () => {
  it("a double-clicked Place order makes exactly one order", offlineOnly, async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 20 });
    const { context, page } = await openApp(browser);
    const keys: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/orders") keys.push(request.headers()["idempotency-key"] ?? "none");
    });
    await logIn(page, user);
    await addToCart(page, product);
    await page.goto("/cart");
    await page.getByRole("button", { name: "Place order" }).dblclick();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    await page.getByRole("status").filter({ hasText: "Pending" }).waitFor();

    const orders = await ordersOf(user.accessToken);
    expect(orders).toHaveLength(1);
    expect(page.url()).toContain(orders[0]!.id);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys).size, "every request of the attempt carried the same key").toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    await context.close();
  });

  it("a retry after a lost answer reuses the key and gets the same order", offlineOnly, async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 20 });
    const { context, page } = await openApp(browser);
    await logIn(page, user);
    await addToCart(page, product);
    await page.goto("/cart");

    // The first attempt reaches the API, which places the order, but its answer never arrives.
    const keys: string[] = [];
    // What the API answered the lost attempt, checked in the test body (a throw inside the route handler surfaces only as a stray rejection).
    const lostAnswers: number[] = [];
    await page.route("**/api/orders", async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "none");
      if (keys.length === 1) {
        lostAnswers.push((await route.fetch()).status());
        await route.abort("failed");
      } else {
        await route.continue();
      }
    });
    await page.getByRole("button", { name: "Place order" }).click();
    await page.getByRole("alert").filter({ hasText: "We could not reach Emporium" }).waitFor();
    expect(lostAnswers).toEqual([201]);
    expect(await ordersOf(user.accessToken)).toHaveLength(1);

    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    const orders = await ordersOf(user.accessToken);
    expect(orders).toHaveLength(1);
    expect(page.url()).toContain(orders[0]!.id);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await context.close();
  });
});
