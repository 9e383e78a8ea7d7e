import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import * as Users from "@emporium/core/users";
import { call, get, post } from "../support/http";
import { latestCode } from "../support/mailbox";
import { claimsOf } from "../support/tokens";
import { adminToken, newUser, signIn } from "../support/users";
import { nextWholeSecond } from "../support/clock";
import { offlineOnly } from "../support/target";

/**
 * A password reset and a role change end every session of the user: the tokens they held
 * before (access and refresh) stop working over HTTP, and only a fresh sign-in works.
 */
const idOf = (token: string) => String(claimsOf(token).sub);

async function expectEnded(old: { accessToken: string; refreshToken: string }) {
  const stale = await get("/me", { token: old.accessToken });
  expect(stale.status).toBe(401);
  expect(stale.body.detail).toMatch(/sign in again/);
  expect((await post("/auth/refresh", { refreshToken: old.refreshToken })).status).toBe(401);
}

describe("sessions end when they must", () => {
  it("a password reset ends every session: old access tokens refused, old refresh tokens dead", offlineOnly, async () => {
    const user = await newUser();
    const other = await signIn(user.email, user.password); // a second device
    expect((await get("/me", { token: user.accessToken })).status).toBe(200);
    expect((await post("/auth/refresh", { refreshToken: other.refreshToken })).status).toBe(200);

    expect((await post("/auth/forgot-password", { email: user.email })).status).toBe(202);
    const code = latestCode(user.email);
    const newPassword = "Reset-Passw0rd-42!";
    expect((await post("/auth/confirm-forgot-password", { email: user.email, code, password: newPassword })).status).toBe(204);

    await expectEnded(user);
    await expectEnded(other);

    await nextWholeSecond();
    const fresh = await post("/auth/login", { email: user.email, password: newPassword });
    expect(fresh.status).toBe(200);
    expect((await get("/me", { token: fresh.body.accessToken })).status).toBe(200);
    expect((await post("/auth/refresh", { refreshToken: fresh.body.refreshToken })).status).toBe(200);
  });

  it("a reset with a wrong code ends nothing: wrong guesses cannot sign someone out", offlineOnly, async () => {
    const user = await newUser();
    expect((await post("/auth/forgot-password", { email: user.email })).status).toBe(202);
    const code = latestCode(user.email);
    const wrong = code === "123456" ? "654321" : "123456";
    expect((await post("/auth/confirm-forgot-password", { email: user.email, code: wrong, password: "Reset-Passw0rd-42!" })).status).toBe(422);
    expect((await get("/me", { token: user.accessToken })).status).toBe(200);
    expect((await post("/auth/refresh", { refreshToken: user.refreshToken })).status).toBe(200);
  });

  it("a role change ends every session, both ways: neither old role's token nor refresh token works", async () => {
    const user = await newUser();
    const id = idOf(user.accessToken);
    expect((await get("/me", { token: user.accessToken })).status).toBe(200);
    const admin = await adminToken();

    expect((await call("PATCH", `/users/${id}`, { token: admin, json: { role: "admin" } })).status).toBe(200);
    await expectEnded(user);

    await nextWholeSecond();
    const promoted = await signIn(user.email, user.password);
    expect(claimsOf(promoted.accessToken)["cognito:groups"]).toEqual(["admin"]);
    expect((await get("/orders?status=PENDING", { token: promoted.accessToken })).status).toBe(200);

    // Demoted again: the admin session just opened ends too, so no token keeps admin rights.
    expect((await call("PATCH", `/users/${id}`, { token: admin, json: { role: "customer" } })).status).toBe(200);
    await expectEnded(promoted);
    expect((await get("/orders?status=PENDING", { token: promoted.accessToken })).status).toBe(401);

    await nextWholeSecond();
    const demoted = await signIn(user.email, user.password);
    expect(claimsOf(demoted.accessToken)["cognito:groups"]).toEqual(["customer"]);
    expect((await get("/orders?status=PENDING", { token: demoted.accessToken })).status).toBe(403);
    expect((await get("/me", { token: demoted.accessToken })).body.role).toBe("customer");
  });

  it("a rename changes no role and ends no session", async () => {
    const user = await newUser();
    const id = idOf(user.accessToken);
    await get("/me", { token: user.accessToken }); // the profile appears on first use
    expect((await call("PATCH", `/users/${id}`, { token: await adminToken(), json: { name: "Kept Session" } })).status).toBe(200);
    expect((await get("/me", { token: user.accessToken })).status).toBe(200);
    expect((await post("/auth/refresh", { refreshToken: user.refreshToken })).status).toBe(200);
  });
});

describe("a role change that fails halfway", offlineOnly, () => {
  // Runs the user service in this process (the same code the route runs) against a pool that
  // fails every call, as Cognito might mid-change. Last in the file: core's pool client is
  // made once per process, here with the failing endpoint.
  it("leaves no old token usable, and the role unchanged, when the pool fails after the marker", async () => {
    const user = await newUser();
    const id = idOf(user.accessToken);
    expect((await get("/me", { token: user.accessToken })).status).toBe(200);

    const failing = createServer((_request, response) =>
      response.writeHead(500, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ __type: "InternalErrorException", message: "injected failure" })),
    );
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", () => resolve()));
    const real = process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${(failing.address() as { port: number }).port}`;
    try {
      await expect(Users.update(id, { role: "admin" })).rejects.toThrow(/injected failure/);
    } finally {
      process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = real;
      failing.close();
    }

    // The marker was written before the pool was asked: the old token is refused already.
    const stale = await get("/me", { token: user.accessToken });
    expect(stale.status).toBe(401);
    // Nothing else changed: the group and the profile still say customer.
    expect((await get(`/users/${id}`, { token: await adminToken() })).body.role).toBe("customer");
    await nextWholeSecond();
    const again = await signIn(user.email, user.password);
    expect(claimsOf(again.accessToken)["cognito:groups"]).toEqual(["customer"]);
    expect((await get("/orders?status=PENDING", { token: again.accessToken })).status).toBe(403);
  });
});
