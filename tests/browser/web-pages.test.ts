import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart, chromiumAvailable, DESKTOP, expectAccessible, launch, logIn, openApp, PHONE, screenshot } from "../support/browser";
import { createProduct } from "../support/catalogue";
import { attachImage, png } from "../support/images";
import { newUser } from "../support/users";

/**
 * Every storefront and account page at phone width (390 px) and desktop width: it renders its
 * content (never a blank screen), axe-core finds no serious or critical violation, and a
 * screenshot is saved under .emporium/screenshots for a person to look at.
 */
let browser: Browser;
let product: { id: string; name: string };

beforeAll(async () => {
  if (!chromiumAvailable) return;
  browser = await launch();
  product = await createProduct({ name: "Linen cushion", description: "Stonewashed linen, feather filled. 50 × 50 cm.", stock: 12 });
  await attachImage(product.id, png(320, 320, [196, 170, 130], [62, 98, 89]));
  await attachImage(product.id, png(320, 320, [230, 220, 200], [150, 110, 80]));
});
afterAll(async () => browser?.close());

interface PageCheck {
  name: string;
  path: string | (() => string);
  /** What shows that the page rendered (a heading, text). */
  ready: (page: Page) => Promise<unknown>;
  before?: (page: Page) => Promise<void>;
}

const heading = (name: string) => (page: Page) => page.getByRole("heading", { level: 1, name }).waitFor();

const anonymous: PageCheck[] = [
  { name: "catalogue", path: "/", ready: (page) => page.getByRole("list", { name: "Products" }).waitFor() },
  { name: "product", path: () => `/products/${product.id}`, ready: (page) => page.getByRole("img", { name: product.name }).first().waitFor() },
  { name: "cart-empty", path: "/cart", ready: (page) => page.getByText("Your cart is empty.").waitFor() },
  { name: "sign-up", path: "/signup", ready: heading("Create an account") },
  {
    name: "sign-up-errors",
    path: "/signup",
    ready: (page) => page.getByText("Email: must be an e-mail address").waitFor(),
    before: async (page) => {
      await page.getByLabel("Email").fill("not-an-address");
      await page.getByLabel("Password").fill("weak");
      await page.getByRole("button", { name: "Create account" }).click();
    },
  },
  { name: "confirm", path: "/confirm?email=someone%40example.com", ready: heading("Confirm your e-mail") },
  { name: "log-in", path: "/login", ready: heading("Log in") },
  { name: "forgot-password", path: "/forgot-password", ready: heading("Reset your password") },
  { name: "reset-password", path: "/reset-password?email=someone%40example.com", ready: heading("Choose a new password") },
  { name: "orders-signed-out", path: "/orders", ready: (page) => page.getByText("Please log in to see this page.").waitFor() },
  { name: "not-found", path: "/no-such-page", ready: heading("Page not found") },
];

const signedIn = (): PageCheck[] => [
  { name: "orders-empty", path: "/orders", ready: (page) => page.getByText("You have not ordered anything yet.").waitFor() },
  {
    name: "cart",
    path: "/cart",
    ready: (page) => page.getByRole("button", { name: "Place order" }).waitFor(),
    before: async (page) => {
      await addToCart(page, product);
      await page.goto("/cart");
    },
  },
  {
    name: "order",
    path: "/cart",
    ready: (page) => page.getByRole("status").filter({ hasText: /Pending|Confirmed/ }).waitFor(),
    before: async (page) => {
      await page.getByRole("button", { name: "Place order" }).click();
      await page.waitForURL(/\/orders\/[0-9A-Z]+$/);
    },
  },
  { name: "orders", path: "/orders", ready: (page) => page.getByRole("list", { name: "Orders" }).waitFor() },
  { name: "account", path: "/account", ready: (page) => page.getByLabel("Name").waitFor() },
];

async function visit(page: Page, check: PageCheck, width: number) {
  await page.goto(typeof check.path === "string" ? check.path : check.path());
  await check.before?.(page);
  await check.ready(page);
  // Images and fonts settle before the picture is taken.
  await page.waitForLoadState("networkidle");
  await screenshot(page, check.name);
  await expectAccessible(page, `${check.name} at ${width} px`);
}

describe.skipIf(!chromiumAvailable)("every page, phone and desktop", () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`renders accessibly at ${viewport.width} px, signed out`, async () => {
      const { context, page } = await openApp(browser, viewport);
      const scripts: string[] = [];
      page.on("request", (request) => {
        if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
      });
      // Each failed load, by path. Playwright reports no response for the page's icon, but
      // Chromium's console names every load that failed.
      const failedLoads: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && message.text().startsWith("Failed to load resource")) failedLoads.push(`${new URL(message.location().url).pathname} ${message.text()}`);
      });
      for (const check of anonymous) await visit(page, check, viewport.width);
      // Nothing a page asks for is missing (its icon, a chunk, an image). What may fail is what
      // the sign-up form's refused input answers; a signed-out visitor's page asks for no session.
      const expected = [/^\/api\/auth\/signup .* 422 /];
      expect(failedLoads.filter((line) => !expected.some((pattern) => pattern.test(line)))).toEqual([]);
      // The admin pages are a chunk of their own, which the storefront refers to (lazily) but never loads.
      const main = scripts.find((path) => path.startsWith("/assets/index-"));
      expect(main).toBeDefined();
      const adminChunk = (await (await page.request.get(main!)).text()).match(/admin-app-[\w-]+\.js/)?.[0];
      expect(adminChunk, "the storefront bundle imports the admin pages lazily").toBeDefined();
      expect(scripts.filter((path) => path.includes("admin"))).toEqual([]);
      await context.close();
    }, 120_000);

    it(`renders accessibly at ${viewport.width} px, signed in`, async () => {
      // A new customer per width, so "no orders yet" is true for each.
      const user = await newUser();
      const { context, page } = await openApp(browser, viewport);
      await logIn(page, user);
      for (const check of signedIn()) await visit(page, check, viewport.width);
      await context.close();
    }, 120_000);
  }
});
