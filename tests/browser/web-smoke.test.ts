import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct } from "../support/catalogue";
import { chromiumAvailable, launch, openApp, screenshot } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

describe.skipIf(!chromiumAvailable)("web app", () => {
  it("serves the catalogue from the API on its own origin", async () => {
    const product = await createProduct({ name: "Smoke test lamp" });
    const { context, page } = await openApp(browser);
    await page.goto("/");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Well-made");
    await page.getByRole("button", { name: "Show more products" }).waitFor({ state: "attached", timeout: 2000 }).catch(() => undefined);
    await page.goto(`/products/${product.id}`);
    await page.getByRole("heading", { name: product.name }).waitFor();
    await screenshot(page, "smoke-product");
    await context.close();
  });
});
