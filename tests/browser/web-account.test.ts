import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launch, logIn, openApp } from "../support/browser";
import { call, post } from "../support/http";
import { latestCode } from "../support/mailbox";
import { newUser } from "../support/users";
import { offlineOnly } from "../support/target";

/**
 * Account pages against the real API: a resent confirmation code, a password reset with the
 * e-mailed code (its validation problems beside the fields), a profile edit that never
 * overwrites a newer version (If-Match), and the human messages of refused requests, 429 included.
 */
let browser: Browser;
beforeAll(async () => {
  if (chromiumAvailable) browser = await launch();
});
afterAll(async () => browser?.close());

const password = () => `Pw-${randomUUID().slice(0, 8)}-Aa1!`;

describe.skipIf(!chromiumAvailable)("account pages in the browser", () => {
  it("confirms with a resent code", offlineOnly, async () => {
    const email = `resend-${randomUUID()}@example.com`;
    const secret = password();
    expect((await post("/auth/signup", { email, password: secret })).status).toBe(202);
    const first = latestCode(email);
    const { context, page } = await openApp(browser);
    await page.goto(`/confirm?email=${encodeURIComponent(email)}`);
    await page.getByRole("button", { name: "Send the code again" }).click();
    await page.getByText("a new code is on its way").waitFor();
    const second = latestCode(email);
    // Codes are random six digits: the resent one differs (a collision, once in a million, fails here rather than skipping the check).
    expect(second).not.toBe(first);
    await page.getByLabel("Confirmation code").fill(first);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("Confirmation code: is not valid or has expired").waitFor();
    await page.getByLabel("Confirmation code").fill(second);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("Your e-mail is confirmed.").waitFor();
    await page.getByLabel("Password").fill(secret);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("link", { name: "My orders" }).waitFor();
    await context.close();
  });

  it("resets a forgotten password with the e-mailed code, showing the API's field errors", offlineOnly, async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(user.email);
    await page.getByRole("button", { name: "Send the code" }).click();
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    const code = latestCode(user.email);
    await page.getByLabel("Code").fill(code);
    await page.getByLabel("New password").fill("weak");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("New password: must be at least 12 characters").waitFor();
    const fresh = password();
    await page.getByLabel("New password").fill(fresh);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Your password was changed.").waitFor();
    await page.getByLabel("Password").fill(fresh);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("link", { name: "My orders" }).waitFor();
    expect((await post("/auth/login", { email: user.email, password: user.password })).status).toBe(401);
    await context.close();
  });

  it("edits the profile with If-Match and shows a conflict instead of overwriting a newer version", async () => {
    const user = await newUser();
    const { context, page } = await openApp(browser);
    await logIn(page, user);
    await page.goto("/account");
    await page.getByLabel("Name").fill("Robin Reader");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    let profile = await call("GET", "/me", { token: user.accessToken });
    expect(profile.body.name).toBe("Robin Reader");

    // Someone else renames the profile behind the page's back; the page's save must not win.
    const other = await call("PATCH", "/me", { token: user.accessToken, json: { name: "Changed Elsewhere" } });
    expect(other.status).toBe(200);
    await page.getByLabel("Name").fill("Stale Edit");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("alert").filter({ hasText: "Your changes were not saved." }).waitFor();
    profile = await call("GET", "/me", { token: user.accessToken });
    expect(profile.body.name).toBe("Changed Elsewhere");
    // The page reloads the newer version, so the next save is an informed one.
    await expect.poll(() => page.getByLabel("Name").inputValue()).toBe("Changed Elsewhere");
    await context.close();
  });

  it("says when to retry after a 429, with the problem's own message", async () => {
    const { context, page } = await openApp(browser);
    // The API's rate limiter answers like this; forcing it here keeps the test quick and exact.
    await page.route("**/api/products?*", (route) =>
      route.fulfill({
        status: 429,
        headers: { "content-type": "application/problem+json", "retry-after": "7" },
        body: JSON.stringify({ type: "https://emporium.dev/problems/429", title: "Too many requests", status: 429, detail: "Slow down: this address made too many requests.", requestId: "r" }),
      }),
    );
    await page.goto("/");
    await page.getByRole("alert").filter({ hasText: "Slow down: this address made too many requests. Try again in 7 s." }).waitFor();
    await page.getByRole("button", { name: "Try again" }).waitFor();
    await context.close();
  });
});
