import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { call, get, post } from "../support/http";
import { latestCode } from "../support/mailbox";
import { adminToken } from "../support/users";
import { createKey } from "../support/keys";
import { offlineOnly } from "../support/target";

/**
 * Exercise every way a secret enters the API (passwords, confirmation codes, tokens, API keys,
 * in bodies and headers, on success and failure), then read back everything the gateway and
 * the functions logged during the run: none of those secrets may appear.
 */
describe("secrets never reach the logs", offlineOnly, () => {
  it("keeps passwords, codes, tokens and API keys out of gateway and function logs", async () => {
    const secrets: string[] = [];
    const email = `logcheck-${randomUUID()}@example.com`;
    const password = `Log-Check-${randomUUID()}-1!`;
    secrets.push(password);

    expect((await post("/auth/signup", { email, password })).status).toBe(202);
    const code = latestCode(email);
    expect((await post("/auth/confirm", { email, code })).status).toBe(204);
    const login = await post("/auth/login", { email, password });
    expect(login.status).toBe(200);
    secrets.push(login.body.accessToken, login.body.idToken, login.body.refreshToken);
    expect((await post("/auth/login", { email, password: `${password}-wrong` })).status).toBe(401);
    secrets.push(`${password}-wrong`);
    expect((await post("/auth/refresh", { refreshToken: login.body.refreshToken })).status).toBe(200);

    // Cookie sessions: the refresh token arrives in a Cookie header and leaves in Set-Cookie.
    const cookieLogin = await post("/auth/login", { email, password, session: "cookie" });
    expect(cookieLogin.status).toBe(200);
    const cookieToken = /^emporium_refresh=([^;]+)/.exec(cookieLogin.headers.getSetCookie()[0] ?? "")?.[1];
    expect(cookieToken).toEqual(expect.any(String));
    secrets.push(cookieToken!, cookieLogin.body.accessToken);
    const cookie = { headers: { cookie: `emporium_refresh=${cookieToken}` } };
    expect((await post("/auth/refresh", { session: "cookie" }, cookie)).status).toBe(200);
    expect((await post("/auth/refresh", { session: "cookie" }, { headers: { ...cookie.headers, origin: "https://evil.example" } })).status).toBe(403);
    expect((await post("/auth/logout", { session: "cookie" }, cookie)).status).toBe(204);
    expect((await post("/auth/refresh", { session: "cookie" }, cookie)).status).toBe(401);
    expect((await post("/auth/logout", { refreshToken: login.body.refreshToken })).status).toBe(204);
    expect((await post("/auth/resend-confirmation", { email })).status).toBe(202);

    expect((await post("/auth/forgot-password", { email })).status).toBe(202);
    const newPassword = `Log-Check-New-${randomUUID()}-2!`;
    secrets.push(newPassword);
    expect((await post("/auth/confirm-forgot-password", { email, code: latestCode(email), password: newPassword })).status).toBe(204);

    const key = await createKey(["orders:read"]);
    secrets.push(key.secret);
    expect((await get("/partner/orders?status=PENDING", { headers: { "x-api-key": key.secret } })).status).toBe(200);
    expect((await call("DELETE", `/api-keys/${key.id}`, { token: await adminToken() })).status).toBe(200);
    expect((await get("/partner/orders?status=PENDING", { headers: { "x-api-key": key.secret } })).status).toBe(403);
    secrets.push(await adminToken());

    await new Promise((resolve) => setTimeout(resolve, 200)); // let the workers' output drain
    const apiLogs = readFileSync(inject("stack").logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("[fn:") || line.startsWith("[gateway]") || line.startsWith("[lambda]"));
    // The logs are there (one per request at least), and none carries a secret.
    expect(apiLogs.filter((line) => line.includes('"message":"request completed"')).length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(apiLogs.filter((line) => line.includes(secret)), `a log line contains ${secret.slice(0, 6)}…`).toEqual([]);
    }
    // Token bodies can leak without their signature; check the payload part alone too.
    for (const token of [login.body.accessToken, login.body.refreshToken, cookieToken!]) {
      expect(apiLogs.some((line) => line.includes(token.split(".")[1]))).toBe(false);
    }
  });
});
