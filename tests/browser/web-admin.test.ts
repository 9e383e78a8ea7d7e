import { randomUUID } from "node:crypto";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, DESKTOP, expectAccessible, launch, logIn, openApp, PHONE, screenshot } from "../support/browser";
import { createProduct } from "../support/catalogue";
import { call, get, post } from "../support/http";
import { png } from "../support/images";
import { adminToken, newUser } from "../support/users";
import { offlineOnly } from "../support/target";

/**
 * The admin area in a real browser, as an administrator of the test's own: products (create,
 * picture upload through the presigned PUT, an edit conflict, delete), orders, sales, API keys,
 * users and exports; and a customer, who reaches none of it through the pages or the API.
 */
let browser: Browser;
let admin: Awaited<ReturnType<typeof newUser>>;
beforeAll(async () => {
  if (!chromiumAvailable) return;
  [browser, admin] = await Promise.all([launch(), newUser("admin")]);
});
afterAll(async () => browser?.close());

/** Polls wait for the API's cold functions on a busy machine. */
const POLL = { timeout: 15_000 };
const adminNav = (page: Page) => page.getByRole("navigation", { name: "Admin" });
/** The natural width of the first picture named `alt` once the browser has decoded it (0 or false before). */
const loaded = (scope: Page | Locator, alt: string) =>
  scope
    .getByRole("img", { name: alt, exact: true })
    .first()
    .evaluate((image) => {
      const picture = image as unknown as { complete: boolean; naturalWidth: number };
      return picture.complete && picture.naturalWidth;
    });

describe.skipIf(!chromiumAvailable)("admin pages", () => {
  it("an admin creates a product with a PNG picture (presigned PUT with progress), and the shop shows it with the picture", async () => {
    const { context, page } = await openApp(browser, DESKTOP);
    await logIn(page, admin, "/admin");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await adminNav(page).getByRole("link", { name: "Products" }).click();
    await page.getByRole("link", { name: "New product" }).click();

    // The API's validation messages sit beside the fields they name.
    await page.getByRole("button", { name: "Create product" }).click();
    await page.getByRole("alert").filter({ hasText: "The product was not created." }).waitFor();
    expect(await page.getByLabel("Name").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Stock").getAttribute("aria-invalid")).toBe("true");

    const name = `Admin lamp ${randomUUID().slice(0, 8)}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Description").fill("Brass, with a linen shade.");
    await page.getByLabel("Price").fill("24.90");
    await page.getByLabel("Stock").fill("7");
    await page.getByRole("button", { name: "Create product" }).click();
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const created = await get(`/products/${id}`);
    expect(created.body).toMatchObject({ name, description: "Brass, with a linen shade.", price: { amount: 2490, currency: "EUR" }, stock: 7, images: [] });

    const picture = png(64, 48, [31, 92, 79], [239, 231, 218]);
    await page.getByLabel("Add a picture").setInputFiles({ name: "lamp.png", mimeType: "image/png", buffer: picture });
    // The bar reaches the file's size once the PUT has gone, while the processor checks the picture.
    const progress = page.getByRole("progressbar", { name: "Checking lamp.png…" });
    await expect.poll(() => progress.getAttribute("value"), POLL).toBe(String(picture.length));
    expect(await progress.getAttribute("max")).toBe(String(picture.length));
    await page.getByText("lamp.png is on the product page now.").waitFor({ timeout: 40_000 });
    const attached = await get(`/products/${id}`);
    expect(attached.body.images).toEqual([{ id: expect.any(String), contentType: "image/png", size: picture.length }]);
    await expect.poll(() => loaded(page.getByRole("list", { name: "Pictures" }), name), POLL).toBe(64);
    await expectAccessible(page, "admin product after upload");

    // A file the API does not take is refused before anything is uploaded, with its reason.
    await page.getByLabel("Add a picture").setInputFiles({ name: "anim.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") });
    const refused = page.getByRole("alert").filter({ hasText: "The picture was not added." });
    await refused.waitFor();
    expect(await refused.textContent()).toContain("File type: must be one of image/png, image/jpeg, image/webp.");
    expect((await get(`/products/${id}`)).body.images).toHaveLength(1);

    // The storefront: the product page shows the picture, served through the API's redirect.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shop" }).click();
    await page.goto(`/products/${id}`);
    await page.getByRole("heading", { name, level: 1 }).waitFor();
    await expect.poll(() => loaded(page, name), POLL).toBe(64);
    await screenshot(page, "admin-created-product-in-shop");
    await context.close();
  });

  it("an edit names the version it changed: a conflict shows the newer version, and the admin reapplies or reloads; delete asks first", async () => {
    const product = await createProduct({ name: `Conflict chair ${randomUUID().slice(0, 8)}`, stock: 5 });
    const { context, page } = await openApp(browser, DESKTOP);
    await logIn(page, admin, `/admin/products/${product.id}`);
    await page.getByRole("heading", { name: product.name, level: 1 }).waitFor();

    // Someone else renames it while this page is open.
    const theirs = await call("PUT", `/products/${product.id}`, {
      token: await adminToken(),
      json: { name: `${product.name} (theirs)`, description: "", price: product.price, stock: 9 },
      headers: { "if-match": `"${product.version}"` },
    });
    expect(theirs.status, theirs.text).toBe(200);

    await page.getByLabel("Stock").fill("12");
    await page.getByRole("button", { name: "Save changes" }).click();
    const conflict = page.getByRole("alert").filter({ hasText: "Someone else changed this product" });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`${product.name} (theirs)`);
    // Nothing was overwritten.
    expect((await get(`/products/${product.id}`)).body).toMatchObject({ name: `${product.name} (theirs)`, stock: 9 });
    await expectAccessible(page, "admin product conflict");
    await screenshot(page, "admin-product-conflict");

    await page.getByRole("button", { name: "Apply my changes to their version" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // "Mine" is the whole form as the admin left it: the original name and 12 in stock.
    expect((await get(`/products/${product.id}`)).body).toMatchObject({ name: product.name, stock: 12, version: product.version + 2 });

    // Another conflict, resolved the other way: their version loads into the form.
    const again = await call("PUT", `/products/${product.id}`, {
      token: await adminToken(),
      json: { name: `${product.name} v3`, description: "", price: product.price, stock: 3 },
      headers: { "if-match": `"${product.version + 2}"` },
    });
    expect(again.status, again.text).toBe(200);
    await page.getByLabel("Stock").fill("40");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("button", { name: "Load their version" }).click();
    await screenshot(page, "admin-product-their-version");
    await expect.poll(() => page.getByLabel("Name").inputValue(), POLL).toBe(`${product.name} v3`);
    expect(await page.getByLabel("Stock").inputValue()).toBe("3");

    await page.getByRole("button", { name: "Delete product" }).click();
    expect((await get(`/products/${product.id}`)).status).toBe(200);
    await page.getByRole("button", { name: `Yes, delete ${product.name} v3` }).click();
    await page.getByRole("heading", { name: "Products", level: 1 }).waitFor();
    await expect.poll(async () => (await get(`/products/${product.id}`)).status, POLL).toBe(404);
    await context.close();
  });

  it("an admin creates an API key with scopes and limits, copies its secret once, and revokes it", async () => {
    const { context, page } = await openApp(browser, DESKTOP);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await logIn(page, admin, "/admin/api-keys");
    const name = `Warehouse ${randomUUID().slice(0, 8)}`;
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Read orders (orders:read)").check();
    await page.getByLabel("Requests per second").fill("5");
    await page.getByLabel("Requests per day").fill("1000");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByLabel("Secret").inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Copy secret" }).click();
    await page.getByText("Copied to the clipboard.").waitFor();
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(secret);
    await expectAccessible(page, "admin API key secret");
    await screenshot(page, "admin-api-key-secret");

    // The secret works as a partner key, with what was chosen.
    const partner = await get("/partner/orders?status=CONFIRMED", { headers: { "x-api-key": secret } });
    expect(partner.status, partner.text).toBe(200);
    const listed = (await get("/api-keys?limit=100", { token: await adminToken() })).body.items.find((key: { name: string }) => key.name === name);
    expect(listed).toMatchObject({ scopes: ["orders:read"], limits: { rate: 5, daily: 1000 }, revokedAt: null });

    await page.getByRole("button", { name: "I have saved it" }).click();
    expect(await page.getByLabel("Secret").count()).toBe(0);
    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await page.getByRole("button", { name: `Yes, revoke ${name}` }).click();
    await page.getByRole("row", { name: new RegExp(name) }).getByText("Revoked").waitFor();
    await expect.poll(async () => (await get("/partner/orders?status=CONFIRMED", { headers: { "x-api-key": secret } })).status, POLL).toBe(403);
    await context.close();
  });

  it("an admin changes a user's role (If-Match) and deletes a user after confirming", async () => {
    const [promoted, leaving] = await Promise.all([newUser(), newUser()]);
    // Profiles appear on first use; one made from a token alone is listed by its username (the user id).
    await Promise.all([get("/me", { token: promoted.accessToken }), get("/me", { token: leaving.accessToken })]);
    const promotedId = subjectOf(promoted.accessToken);
    const leavingId = subjectOf(leaving.accessToken);
    const { context, page } = await openApp(browser, DESKTOP);
    await logIn(page, admin, "/admin/users");
    const row = await findUserRow(page, promotedId);
    await page.getByRole("button", { name: `Make admin ${promotedId}` }).click();
    await row.getByText("Admin", { exact: true }).waitFor();
    expect((await get(`/users/${promotedId}`, { token: await adminToken() })).body).toMatchObject({ role: "admin", version: 2 });

    const leavingRow = await findUserRow(page, leavingId);
    await page.getByRole("button", { name: `Delete ${leavingId}` }).click();
    expect((await get(`/users/${leavingId}`, { token: await adminToken() })).status).toBe(200);
    await page.getByRole("button", { name: `Yes, delete ${leavingId}` }).click();
    // A deleted user keeps a tombstone (their orders stay) and can no longer call the API.
    await leavingRow.getByText("Deleted").waitFor();
    expect((await get(`/users/${leavingId}`, { token: await adminToken() })).body.deletedAt).toEqual(expect.any(String));
    expect((await get("/me", { token: leaving.accessToken })).status).toBe(401);
    await context.close();
  });

  it("an admin starts an order export, watches it finish and downloads the CSV", offlineOnly, async () => {
    // An order of its own that stays pending: the payment provider cannot be reached for it.
    const product = await createProduct({ price: { amount: 1013, currency: "EUR" } }, "unavailable");
    const buyer = await newUser();
    const order = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: buyer.accessToken, headers: { "idempotency-key": randomUUID() } });
    expect(order.status, order.text).toBe(201);
    const { context, page } = await openApp(browser, DESKTOP);
    await logIn(page, admin, "/admin/exports");
    await page.getByLabel("Status").selectOption("PENDING");
    await page.getByRole("button", { name: "Export orders" }).click();
    const download = page.getByRole("link", { name: "Download CSV" });
    await download.waitFor({ timeout: 40_000 });
    await expectAccessible(page, "admin export ready");
    await screenshot(page, "admin-export-ready");
    const csv = await fetch((await download.getAttribute("href"))!);
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trim().split(/\r?\n/);
    expect(rows[0]).toBe("id,userId,status,totalAmount,currency,lineCount,createdAt,updatedAt");
    expect(rows.find((row) => row.startsWith(order.body.id))).toContain(",PENDING,1013,EUR,1,");
    expect(rows.slice(1).every((row) => row.includes(",PENDING,"))).toBe(true);
    await context.close();
  });

  it("a customer sees no admin link, is refused at /admin with a clear message, and the API refuses them", async () => {
    const customer = await newUser();
    const { context, page } = await openApp(browser, PHONE);
    await logIn(page, customer, "/");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).not.toContainEqual(expect.stringContaining("Admin"));
    expect(await page.getByRole("link", { name: "Admin", exact: true }).count()).toBe(0);
    for (const path of ["/admin", "/admin/products/new", "/admin/users"]) {
      await page.goto(path);
      await page.getByText("This page is for administrators.").waitFor();
      expect(await page.getByRole("navigation", { name: "Admin" }).count()).toBe(0);
    }
    await screenshot(page, "admin-refused-customer");
    const token = customer.accessToken;
    const refusals = await Promise.all([
      get("/users", { token }),
      post("/products", { name: "Nope", price: { amount: 100, currency: "EUR" }, stock: 1 }, { token }),
      get("/orders?status=CONFIRMED", { token }),
      get("/analytics/sales?from=2026-01-01&to=2026-01-31", { token }),
      get("/api-keys", { token }),
      post("/api-keys", { name: "Nope", scopes: ["orders:read"] }, { token }),
      post("/exports/orders", {}, { token }),
    ]);
    expect(refusals.map((response) => response.status)).toEqual(refusals.map(() => 403));
    await context.close();
  });

  it("every admin page passes axe and is photographed at phone and desktop width", async () => {
    // Something to show: an order (sales, orders) and a key.
    const product = await createProduct({ name: `Photo vase ${randomUUID().slice(0, 8)}`, price: { amount: 3900, currency: "EUR" } }, "approve");
    const buyer = await newUser();
    const order = await post("/orders", { lines: [{ productId: product.id, quantity: 2 }] }, { token: buyer.accessToken, headers: { "idempotency-key": randomUUID() } });
    expect(order.status, order.text).toBe(201);
    await expect.poll(async () => (await get(`/orders/${order.body.id}`, { token: buyer.accessToken })).body.status, { timeout: 30_000 }).toBe("CONFIRMED");
    const pages: [string, string, string][] = [
      ["admin-home", "/admin", "Admin"],
      ["admin-products", "/admin/products", "Products"],
      ["admin-product-new", "/admin/products/new", "New product"],
      ["admin-product-edit", `/admin/products/${product.id}`, product.name],
      ["admin-orders", "/admin/orders", "Orders"],
      ["admin-sales", "/admin/analytics", "Sales"],
      ["admin-api-keys", "/admin/api-keys", "API keys"],
      ["admin-users", "/admin/users", "Users"],
      ["admin-exports", "/admin/exports", "Exports"],
    ];
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await openApp(browser, viewport);
      await logIn(page, admin, "/admin");
      for (const [name, path, heading] of pages) {
        await page.goto(path);
        await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
        await page.getByRole("status").filter({ hasText: /Loading/ }).waitFor({ state: "detached" });
        // Newest first: the order confirmed above heads the default (confirmed) list, and a date range keeps it.
        if (name === "admin-orders") {
          await page.getByRole("row", { name: new RegExp(order.body.id) }).waitFor();
          const today = new Date().toISOString().slice(0, 10);
          await page.getByLabel("From").fill(today);
          await page.getByLabel("To").fill(today);
          await page.getByRole("button", { name: "Show orders" }).click();
          await page.getByRole("row", { name: new RegExp(order.body.id) }).waitFor();
        }
        if (name === "admin-sales") await page.getByRole("img", { name: "Revenue per day" }).waitFor({ timeout: 30_000 });
        await expectAccessible(page, `${name} at ${viewport.width}px`);
        await screenshot(page, name);
      }
      await context.close();
    }
  });
});

const subjectOf = (token: string): string => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).sub;

/** The users table is paged: go forward until the row is there. */
async function findUserRow(page: Page, text: string) {
  for (let turn = 0; turn < 20; turn++) {
    const row = page.getByRole("row", { name: new RegExp(text.replace(/[.+]/g, "\\$&")) });
    await page.getByRole("table").waitFor();
    if ((await row.count()) > 0) return row;
    const firstRow = page.locator("tbody tr").first();
    const shown = (await firstRow.textContent()) ?? "";
    await page.getByRole("button", { name: "Next page" }).click();
    // The old rows stay until the next page has arrived (keepPreviousData): wait for them to be replaced.
    await firstRow.filter({ hasNotText: shown }).waitFor();
  }
  throw new Error(`${text} is not in the users table`);
}
