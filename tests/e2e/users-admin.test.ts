import { describe, expect, it } from "vitest";
import { call, get, post } from "../support/http";
import { adminToken, customerToken, newUser, signIn } from "../support/users";
import { claimsOf } from "../support/tokens";
import { createProduct } from "../support/catalogue";
import { nextWholeSecond } from "../support/clock";
import { offlineOnly } from "../support/target";

const idOf = (token: string) => String(claimsOf(token).sub);

describe("user administration", () => {
  it("lists users page by page and reads one", async () => {
    const admin = await adminToken();
    const users = await Promise.all([newUser(), newUser(), newUser()]);
    for (const user of users) await get("/me", { token: user.accessToken });
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: any = await get(`/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const user of page.body.items) seen.add(user.id);
      cursor = page.body.cursor;
    } while (cursor);
    for (const user of users) expect(seen).toContain(idOf(user.accessToken));

    const one = await get(`/users/${idOf(users[0]!.accessToken)}`, { token: admin });
    expect(one.body).toMatchObject({ id: idOf(users[0]!.accessToken), username: claimsOf(users[0]!.accessToken).username, role: "customer" });
    expect((await get("/users/00000000-0000-4000-8000-000000000000", { token: admin })).status).toBe(404);
    expect((await get("/users/not-a-user-id", { token: admin })).status).toBe(404);
  });

  it("renames a user", async () => {
    const user = await newUser();
    await get("/me", { token: user.accessToken });
    const renamed = await call("PATCH", `/users/${idOf(user.accessToken)}`, { token: await adminToken(), json: { name: "Renamed" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed", version: 2 });
    expect((await get("/me", { token: user.accessToken })).body.name).toBe("Renamed");
  });

  it("promotes a user: the pool group moves and their old session ends", async () => {
    const user = await newUser();
    await get("/me", { token: user.accessToken });
    expect((await get("/orders?status=PENDING", { token: user.accessToken })).status).toBe(403);

    const promoted = await call("PATCH", `/users/${idOf(user.accessToken)}`, { token: await adminToken(), json: { role: "admin" } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe("admin");

    // The old token still verifies at the gateway but its session was revoked.
    const stale = await get("/me", { token: user.accessToken });
    expect(stale.status).toBe(401);
    expect(stale.body.detail).toMatch(/sign in again/);

    await nextWholeSecond(); // a token issued after the revocation's second
    const fresh = await signIn(user.email, user.password);
    expect(claimsOf(fresh.accessToken)["cognito:groups"]).toEqual(["admin"]);
    expect((await get("/orders?status=PENDING", { token: fresh.accessToken })).status).toBe(200);
  });

  it("deletes a user: disabled in the pool, sessions ended, profile anonymised, orders kept", offlineOnly, async () => {
    const user = await newUser();
    await get("/me", { token: user.accessToken });
    const product = await createProduct({ stock: 5 });
    const order = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    expect(order.status).toBe(201);
    const admin = await adminToken();
    const id = idOf(user.accessToken);

    expect((await call("DELETE", `/users/${id}`, { token: admin })).status).toBe(204);
    expect((await get("/me", { token: user.accessToken })).status).toBe(401);
    // Cognito refuses disabled users at sign-in; cognito-local still signs them in, and the API
    // refuses whatever token they get.
    const after = await signIn(user.email, user.password).catch((error: Error) => error);
    if (after instanceof Error) expect(after).toMatchObject({ name: "NotAuthorizedException", message: "User is disabled." });
    else expect((await get("/me", { token: after.accessToken })).status).toBe(401);
    const profile = await get(`/users/${id}`, { token: admin });
    expect(profile.body).toMatchObject({ id, email: null, name: null, deletedAt: expect.any(String) });
    const kept = await get(`/orders/${order.body.id}`, { token: admin });
    expect(kept.status).toBe(200);
    expect(kept.body.userId).toBe(id);
    expect((await call("DELETE", `/users/${id}`, { token: admin })).status).toBe(404);
    expect((await call("PATCH", `/users/${id}`, { token: admin, json: { name: "Back" } })).status).toBe(404);
  });

  it("never lets a customer administer users, including themselves", async () => {
    const customer = await customerToken();
    const self = idOf(customer);
    for (const [method, path, json] of [
      ["GET", "/users", undefined],
      ["GET", `/users/${self}`, undefined],
      ["PATCH", `/users/${self}`, { role: "admin" }],
      ["DELETE", `/users/${self}`, undefined],
    ] as const) {
      expect((await call(method, path, { token: customer, json })).status, `${method} ${path}`).toBe(403);
    }
    expect((await call("PATCH", "/me", { token: customer, json: { role: "admin" } })).status).toBe(422);
    expect((await get("/me", { token: customer })).body.role).toBe("customer");
  });

  it("refuses invalid changes with 422", async () => {
    const user = await newUser();
    await get("/me", { token: user.accessToken });
    const admin = await adminToken();
    for (const patch of [{ role: "owner" }, { id: "x" }, { email: "x@example.com" }, { name: 7 }]) {
      expect((await call("PATCH", `/users/${idOf(user.accessToken)}`, { token: admin, json: patch })).status, JSON.stringify(patch)).toBe(422);
    }
  });
});
