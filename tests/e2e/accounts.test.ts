import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { latestCode } from "../support/mailbox";
import { claimsOf } from "../support/tokens";
import { offlineOnly } from "../support/target";

const password = "Correct-Horse-9-Battery";
const freshEmail = () => `shopper-${randomUUID()}@example.com`;

async function signUpAndConfirm(email: string, name?: string) {
  expect((await post("/auth/signup", { email, password, ...(name ? { name } : {}) })).status).toBe(202);
  expect((await post("/auth/confirm", { email, code: latestCode(email) })).status).toBe(204);
}

describe("account flows", () => {
  it("signs up, confirms with the e-mailed code, becomes a customer with a profile, and signs in", offlineOnly, async () => {
    const email = freshEmail();
    const signup = await post("/auth/signup", { email, password, name: "Sam Shopper" });
    expect(signup.status).toBe(202);
    expect((await post("/auth/login", { email, password })).status).toBe(403); // not confirmed yet

    expect((await post("/auth/confirm", { email, code: "000000" === latestCode(email) ? "111111" : "000000" })).status).toBe(422);
    expect((await post("/auth/confirm", { email, code: latestCode(email) })).status).toBe(204);

    const login = await post("/auth/login", { email, password });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: "Bearer", expiresIn: expect.any(Number) });
    for (const token of ["accessToken", "idToken", "refreshToken"]) expect(typeof login.body[token]).toBe("string");

    // The post-confirmation trigger ran through the local Lambda API: the pool put the user in
    // `customer` (their token says so) and the profile carries the verified address.
    expect(claimsOf(login.body.accessToken)["cognito:groups"]).toEqual(["customer"]);
    const me = await get("/me", { token: login.body.accessToken });
    expect(me.body).toMatchObject({ email, name: "Sam Shopper", role: "customer", username: claimsOf(login.body.accessToken).username });
  });

  it("refreshes a session with the refresh token", offlineOnly, async () => {
    const email = freshEmail();
    await signUpAndConfirm(email);
    const login = await post("/auth/login", { email, password });
    const refreshed = await post("/auth/refresh", { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await get("/me", { token: refreshed.body.accessToken })).status).toBe(200);
    const forged = await post("/auth/refresh", { refreshToken: "not-a-refresh-token" });
    expect(forged.status).toBe(401);
  });

  it("resets a forgotten password with the code the pool sends", offlineOnly, async () => {
    const email = freshEmail();
    await signUpAndConfirm(email);
    expect((await post("/auth/forgot-password", { email })).status).toBe(202);
    const code = latestCode(email);
    const weak = await post("/auth/confirm-forgot-password", { email, code, password: "short" });
    expect(weak.status).toBe(422);
    const wrongCode = await post("/auth/confirm-forgot-password", { email, code: code === "123456" ? "654321" : "123456", password: "New-Passw0rd-1234" });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.body.errors).toEqual([{ path: "code", message: "is not valid or has expired" }]);
    expect((await post("/auth/confirm-forgot-password", { email, code, password: "New-Passw0rd-1234" })).status).toBe(204);
    expect((await post("/auth/login", { email, password })).status).toBe(401);
    expect((await post("/auth/login", { email, password: "New-Passw0rd-1234" })).status).toBe(200);
  });

  it("resends the confirmation code: the new code confirms, the old one no longer does", offlineOnly, async () => {
    const email = freshEmail();
    expect((await post("/auth/signup", { email, password })).status).toBe(202);
    const first = latestCode(email);
    const resent = await post("/auth/resend-confirmation", { email });
    expect(resent.status).toBe(202);
    const second = latestCode(email);
    // Codes are random six digits: the resent one differs (a collision, once in a million, fails here rather than skipping the check).
    expect(second).not.toBe(first);
    expect((await post("/auth/confirm", { email, code: first })).status).toBe(422);
    expect((await post("/auth/confirm", { email, code: second })).status).toBe(204);
    expect((await post("/auth/login", { email, password })).status).toBe(200);
  });

  it("answers a resend the same for unknown, unconfirmed and confirmed addresses (no user enumeration)", offlineOnly, async () => {
    const pending = freshEmail();
    expect((await post("/auth/signup", { email: pending, password })).status).toBe(202);
    const confirmed = freshEmail();
    await signUpAndConfirm(confirmed);
    const answers = await Promise.all([pending, confirmed, freshEmail()].map((email) => post("/auth/resend-confirmation", { email })));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(answers.map((answer) => answer.body)).toEqual(Array(3).fill(answers[0]!.body));
    // A resend to an unknown address creates no account (nothing for a code to be kept on).
    const unknown = freshEmail();
    await post("/auth/resend-confirmation", { email: unknown });
    expect(() => latestCode(unknown)).toThrow(/no code/);
  });

  it("enforces the password policy with field errors and creates nothing", offlineOnly, async () => {
    const email = freshEmail();
    const cases: [string, string][] = [
      ["Short-1a!", "must be at least 12 characters"],
      ["all-lower-case-1!", "must contain an upper-case letter"],
      ["ALL-UPPER-CASE-1!", "must contain a lower-case letter"],
      ["No-Digits-Here!!", "must contain a digit"],
      ["NoSymbolsHere123", "must contain a symbol"],
    ];
    for (const [weak, message] of cases) {
      const response = await post("/auth/signup", { email, password: weak });
      expect(response.status, weak).toBe(422);
      expect(response.body.errors).toContainEqual({ path: "password", message });
    }
    expect(() => latestCode(email)).toThrow(/no code/);
  });

  it("answers wrong passwords and unknown users alike (no user enumeration)", offlineOnly, async () => {
    const email = freshEmail();
    await signUpAndConfirm(email);
    const wrongPassword = await post("/auth/login", { email, password: "Wrong-Passw0rd-!!" });
    const unknownUser = await post("/auth/login", { email: freshEmail(), password: "Wrong-Passw0rd-!!" });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(unknownUser.body)).toEqual(strip(wrongPassword.body));

    const knownReset = await post("/auth/forgot-password", { email });
    const unknownReset = await post("/auth/forgot-password", { email: freshEmail() });
    expect([knownReset.status, unknownReset.status]).toEqual([202, 202]);
    expect(unknownReset.body).toEqual(knownReset.body);

    const again = await post("/auth/signup", { email, password });
    expect(again.status).toBe(202);
    expect(again.body).toEqual((await post("/auth/signup", { email: freshEmail(), password })).body);
  });

  it("refuses malformed account requests with 4xx problems", async () => {
    for (const [path, body] of [
      ["/auth/signup", { email: "not-an-email", password }],
      ["/auth/signup", { email: freshEmail(), password, role: "admin" }],
      ["/auth/confirm", { email: freshEmail(), code: "12ab56" }],
      ["/auth/login", { email: freshEmail() }],
      ["/auth/refresh", {}],
      ["/auth/resend-confirmation", { email: "not-an-email" }],
      ["/auth/resend-confirmation", { email: freshEmail(), code: "123456" }],
    ] as const) {
      const response = await post(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
