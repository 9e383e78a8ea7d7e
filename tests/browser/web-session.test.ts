import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launch, logIn, openApp } from "../support/browser";
import { newUser } from "../support/users";
import { target } from "../support/target";

/**
 * Sessions in the web app: the access token in memory, the refresh token in an HttpOnly cookie
 * only the API reads. A reload restores the session from the cookie; logging out revokes it.
 */
let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

/** Everything script on the page can read: cookies and both storages. */
const readableByScript = (page: Page) =>
  page.evaluate(`JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } })`) as Promise<string>;

describe.skipIf(!chromiumAvailable)("sessions in the browser", () => {
  it("a reload keeps the session, the refresh token is never readable by script, logout ends it", async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    await logIn(page, user);

    const cookies = (await context.cookies()).filter((cookie) => cookie.name === "emporium_refresh");
    expect(cookies.map((cookie) => cookie.path).sort()).toEqual(["/api/auth/logout", "/api/auth/refresh"]);
    for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Strict" });
    const refreshToken = cookies[0]!.value;
    expect(refreshToken.length).toBeGreaterThan(20);

    // Put something in the cart so the storages are not trivially empty, then look everywhere.
    await page.goto("/cart");
    let visible = await readableByScript(page);
    expect(visible).not.toContain(refreshToken);
    expect(visible).not.toContain("eyJ"); // no JWT (access or id token) either

    // A reload restores the session through the cookie.
    await page.goto("/account");
    await page.reload();
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    await page.getByRole("link", { name: "My orders" }).waitFor();
    visible = await readableByScript(page);
    expect(visible).not.toContain(refreshToken);
    expect(visible).not.toContain("eyJ");

    // Logout ends it: the cookie is gone, a reload stays signed out, the token is revoked.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("link", { name: "Log in" }).waitFor();
    expect((await context.cookies()).filter((cookie) => cookie.name === "emporium_refresh")).toEqual([]);
    await page.reload();
    await page.getByRole("link", { name: "Log in" }).waitFor();
    expect(await page.getByRole("link", { name: "My orders" }).count()).toBe(0);
    await page.goto("/account");
    await page.getByText("Please log in to see this page.").waitFor();
    const reuse = await fetch(`${target.apiUrl}/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    });
    expect(reuse.status).toBe(401);
    await context.close();
  });

  it("renews the access token from the cookie a minute before it expires", async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    await page.clock.install();
    await logIn(page, user);
    const renewals: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/auth/refresh") renewals.push(response.status());
    });
    // Access tokens last an hour; the page renews at 59 minutes.
    await page.clock.fastForward("58:00");
    expect(renewals).toEqual([]);
    await page.clock.fastForward("01:30");
    await expect.poll(() => renewals).toEqual([200]);
    await page.goto("/account");
    await page.getByRole("button", { name: "Log out" }).waitFor();
    await context.close();
  });

  it("asks the API for a session only when the browser was left signed in, and once more after its cookie has gone", async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    const refreshes: number[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/auth/refresh") refreshes.push(response.status());
    });
    const signedOut = async (path: string) => {
      await page.goto(path);
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Log in" }).waitFor();
    };

    // Signed out from the start: no call that could only be refused.
    await signedOut("/");
    await signedOut("/account");
    await page.getByText("Please log in to see this page.").waitFor();
    expect(refreshes).toEqual([]);

    // Signed in, a reload restores the session; after a log-out, a reload asks nothing.
    await logIn(page, user);
    await page.reload();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).waitFor();
    await page.goto("/account");
    await page.getByRole("button", { name: "Log out" }).click();
    expect(refreshes).toEqual([200, 200]);
    await signedOut("/");
    expect(refreshes).toEqual([200, 200]);

    // The cookie gone (expired, or cleared) while the page thinks it was signed in: asked once, refused, then never again.
    await logIn(page, user);
    await context.clearCookies();
    await signedOut("/");
    await expect.poll(() => refreshes).toEqual([200, 200, 401]);
    await signedOut("/");
    expect(refreshes).toEqual([200, 200, 401]);
    await context.close();
  });

  it("a log-in made while the page's restore is on its way stays signed in when that restore is refused after it", async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    // A session that has since expired, so the next page load asks for a renewal and is refused.
    await logIn(page, user);
    await context.clearCookies();

    // The real refusal (fetched now, before any new cookie exists), delivered only after the log-in.
    let deliver!: () => void;
    const delivered = new Promise<void>((resolve) => (deliver = resolve));
    const refusals: number[] = [];
    await page.route("**/api/auth/refresh", async (route) => {
      const response = await route.fetch();
      refusals.push(response.status());
      await delivered;
      await route.fulfill({ response });
    });
    await logIn(page, user, "/account");
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    expect(refusals).toEqual([401]);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/auth/refresh");
    deliver();
    expect((await answered).status()).toBe(401);
    // Let the page act on the late answer (a task and a frame), then look.
    await page.evaluate("new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))");
    expect(await page.getByText("Please log in to see this page.").count()).toBe(0);
    await page.getByRole("button", { name: "Log out" }).waitFor();
    await page.unrouteAll();
    await context.close();
  });

  it("the Admin link follows the token's group: shown to an admin, hidden from a customer, who is refused at /admin", async () => {
    const adminLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin", exact: true });
    const admin = await newUser("admin");
    const asAdmin = await openApp(browser);
    await logIn(asAdmin.page, admin);
    await adminLink(asAdmin.page).waitFor();
    await asAdmin.context.close();

    const user = await newUser();
    const { context, page } = await openApp(browser);
    await logIn(page, user);
    expect(await adminLink(page).count()).toBe(0);
    await page.goto("/admin");
    await page.getByText("This page is for administrators.").waitFor();
    await context.close();
  });
});
