import { describe, expect, it } from "vitest";
import { call, get } from "../support/http";
import { newUser } from "../support/users";

describe("me", () => {
  it("creates the caller's profile on first sign-in and lets them rename themselves", async () => {
    const user = await newUser();
    const first = await get("/me", { token: user.accessToken });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ role: "customer", name: null, version: 1 });
    const again = await get("/me", { token: user.accessToken });
    expect(again.body).toEqual(first.body);

    const renamed = await call("PATCH", "/me", { token: user.accessToken, json: { name: "Robin" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: first.body.id, name: "Robin", version: 2 });
  });

  it("never lets a user set their role, id or e-mail", async () => {
    const user = await newUser();
    await get("/me", { token: user.accessToken });
    for (const patch of [{ role: "admin" }, { id: "someone-else" }, { email: "x@example.com" }, { name: "Eve", role: "admin" }, { version: 99 }]) {
      const response = await call("PATCH", "/me", { token: user.accessToken, json: patch });
      expect(response.status, JSON.stringify(patch)).toBe(422);
    }
    const profile = await get("/me", { token: user.accessToken });
    expect(profile.body).toMatchObject({ role: "customer", name: null, version: 1 });
  });

  it("reports the admin role from the admin group", async () => {
    const admin = await newUser("admin");
    expect((await get("/me", { token: admin.accessToken })).body.role).toBe("admin");
  });
});
