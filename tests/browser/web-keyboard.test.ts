import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launch, openApp } from "../support/browser";
import { createProduct } from "../support/catalogue";
import { get } from "../support/http";
import { newUser } from "../support/users";
import { offlineOnly } from "../support/target";

/**
 * The customer flow with the keyboard alone: no clicks, only Tab, Enter and typing. Each step
 * tabs forward until the wanted control has focus, so a control that cannot be reached by
 * keyboard fails the test.
 */
let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab`);
}

describe.skipIf(!chromiumAvailable)("keyboard only", () => {
  it("logs in, opens a product, adds it to the cart, checks out and cancels, with Tab and Enter", { ...offlineOnly, timeout: 90_000 }, async () => {
    const user = await newUser();
    const product = await createProduct({ name: `Keyboard teapot ${Date.now()}`, stock: 9 });
    const { context, page } = await openApp(browser);

    await page.goto("/");
    await page.getByRole("list", { name: "Products" }).waitFor();
    await tabTo(page, page.getByRole("link", { name: "Log in" }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByLabel("Email"));
    await page.keyboard.type(user.email);
    await tabTo(page, page.getByLabel("Password"));
    await page.keyboard.type(user.password);
    await page.keyboard.press("Enter"); // submits the form
    await page.getByRole("link", { name: "My orders" }).waitFor();

    // The skip link comes first and moves focus past the navigation.
    await page.goto(`/products/${product.id}`);
    await page.getByRole("button", { name: "Add to cart" }).waitFor();
    await tabTo(page, page.getByRole("link", { name: "Skip to content" }), 2);
    await page.keyboard.press("Enter");
    expect(await page.evaluate("document.activeElement.id")).toBe("main");
    await tabTo(page, page.getByRole("button", { name: "Add to cart" }));
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "is in your cart." }).waitFor();
    await tabTo(page, page.getByRole("link", { name: /^View cart/ }));
    await page.keyboard.press("Enter");
    await tabTo(page, page.getByRole("button", { name: "Place order" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    await page.getByRole("status").filter({ hasText: "Pending" }).waitFor();

    await tabTo(page, page.getByRole("button", { name: "Cancel order" }));
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Cancelled" }).waitFor();
    const orders = await get("/me/orders", { token: user.accessToken });
    expect(orders.body.items).toHaveLength(1);
    expect(orders.body.items[0].status).toBe("CANCELLED");
    await context.close();
  });
});
