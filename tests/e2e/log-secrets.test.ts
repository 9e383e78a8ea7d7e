import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { call, get, post, type ApiResponse } from "../support/http";
import { allRequestsLogged, stackLog } from "../support/logs";
import { latestCode } from "../support/mailbox";
import { adminToken } from "../support/users";
import { createKey, type CreatedKey } from "../support/keys";
import { offlineOnly } from "../support/target";

/**
 * Exercise every way a secret enters the API (passwords, confirmation codes, tokens, API keys,
 * in bodies and headers, on success and failure), then read back everything the gateway and
 * the functions logged during the run: none of those secrets may appear.
 */
describe("secrets never reach the logs", offlineOnly, () => {
  it("keeps passwords, codes, tokens and API keys out of gateway and function logs", async () => {
    const secrets: string[] = [];
    // Six-digit codes could occur inside longer numbers by chance; they count only as a whole token.
    const codes: string[] = [];
    // Every response whose request the check covers: each must be logged before the logs are read.
    const seen: ApiResponse[] = [];
    const track = async (response: Promise<ApiResponse>) => {
      const settled = await response;
      seen.push(settled);
      return settled;
    };
    const tokensOf = (response: ApiResponse) =>
      [response.body.accessToken, response.body.idToken, response.body.refreshToken, refreshCookieOf(response)].filter((value): value is string => typeof value === "string");
    const email = `logcheck-${randomUUID()}@example.com`;
    const password = `Log-Check-${randomUUID()}-1!`;
    secrets.push(password);

    expect((await track(post("/auth/signup", { email, password }))).status).toBe(202);
    codes.push(latestCode(email));
    // A resent code replaces the first one; both went out, both are secrets.
    expect((await track(post("/auth/resend-confirmation", { email }))).status).toBe(202);
    const code = latestCode(email);
    codes.push(code);
    expect((await track(post("/auth/confirm", { email, code }))).status).toBe(204);
    const login = await track(post("/auth/login", { email, password }));
    expect(login.status).toBe(200);
    secrets.push(...tokensOf(login));
    expect((await track(post("/auth/login", { email, password: `${password}-wrong` }))).status).toBe(401);
    secrets.push(`${password}-wrong`);
    const refreshed = await track(post("/auth/refresh", { refreshToken: login.body.refreshToken }));
    expect(refreshed.status).toBe(200);
    expect(tokensOf(refreshed).length, "the refresh answered new tokens").toBeGreaterThanOrEqual(2);
    secrets.push(...tokensOf(refreshed));

    // Cookie sessions: the refresh token arrives in a Cookie header and leaves in Set-Cookie.
    const cookieLogin = await track(post("/auth/login", { email, password, session: "cookie" }));
    expect(cookieLogin.status).toBe(200);
    const cookieToken = refreshCookieOf(cookieLogin);
    expect(cookieToken).toEqual(expect.any(String));
    secrets.push(...tokensOf(cookieLogin));
    const cookie = { headers: { cookie: `emporium_refresh=${cookieToken}` } };
    const cookieRefreshed = await track(post("/auth/refresh", { session: "cookie" }, cookie));
    expect(cookieRefreshed.status).toBe(200);
    expect(tokensOf(cookieRefreshed).length, "the cookie refresh answered new tokens").toBeGreaterThanOrEqual(2);
    secrets.push(...tokensOf(cookieRefreshed));
    expect((await track(post("/auth/refresh", { session: "cookie" }, { headers: { ...cookie.headers, origin: "https://evil.example" } }))).status).toBe(403);
    expect((await track(post("/auth/logout", { session: "cookie" }, cookie))).status).toBe(204);
    expect((await track(post("/auth/refresh", { session: "cookie" }, cookie))).status).toBe(401);
    expect((await track(post("/auth/logout", { refreshToken: login.body.refreshToken }))).status).toBe(204);
    // Confirmed already: answered alike, and no code is sent.
    expect((await track(post("/auth/resend-confirmation", { email }))).status).toBe(202);

    expect((await track(post("/auth/forgot-password", { email }))).status).toBe(202);
    const resetCode = latestCode(email);
    codes.push(resetCode);
    const newPassword = `Log-Check-New-${randomUUID()}-2!`;
    secrets.push(newPassword);
    expect((await track(post("/auth/confirm-forgot-password", { email, code: resetCode, password: newPassword }))).status).toBe(204);

    // Created here rather than with the keys helper, so the request that answers the secret is covered too.
    const created = await track(post("/api-keys", { name: `log check ${randomUUID()}`, scopes: ["orders:read"] }, { token: await adminToken() }));
    expect(created.status, created.text).toBe(201);
    const key = created.body as CreatedKey;
    secrets.push(key.secret);
    expect((await track(get("/partner/orders?status=PENDING", { headers: { "x-api-key": key.secret } }))).status).toBe(200);
    expect((await track(call("DELETE", `/api-keys/${key.id}`, { token: await adminToken() }))).status).toBe(200);
    expect((await track(get("/partner/orders?status=PENDING", { headers: { "x-api-key": key.secret } }))).status).toBe(403);
    secrets.push(await adminToken());

    // Evidence first: every request above has logged its last line, so its output is all in the file.
    await allRequestsLogged(seen);
    const apiLogs = stackLog().filter((line) => line.startsWith("[fn:") || line.startsWith("[gateway]") || line.startsWith("[lambda]"));
    for (const secret of secrets) {
      expect(apiLogs.filter((line) => line.includes(secret)), `a log line contains ${secret.slice(0, 6)}…`).toEqual([]);
    }
    expect(new Set(codes).size, "three distinct codes were sent").toBe(3);
    for (const sent of codes) {
      const whole = new RegExp(`(?<![0-9A-Za-z])${sent}(?![0-9A-Za-z])`);
      expect(apiLogs.filter((line) => whole.test(line)), `a log line contains the code ${sent}`).toEqual([]);
    }
    // Token bodies can leak without their signature; check the payload part alone too.
    const jwts = secrets.filter((secret) => secret.split(".").length === 3);
    expect(jwts.length, "access, id and refreshed tokens are among the secrets").toBeGreaterThanOrEqual(6);
    for (const token of jwts) {
      expect(apiLogs.some((line) => line.includes(token.split(".")[1]!))).toBe(false);
    }
  });
});

/** The refresh token a response sets in the session cookie, if it sets one. */
function refreshCookieOf(response: ApiResponse): string | undefined {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith("emporium_refresh="));
  const value = header && /^emporium_refresh=([^;]*)/.exec(header)?.[1];
  return value || undefined;
}
