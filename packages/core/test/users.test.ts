/**
 * User profiles against the real table: created on first sight, the token's role over the
 * stored one, the caller's own edits with If-Match, and renames by an administrator. Role
 * changes and deletion also call the user pool and are covered over HTTP (tests/e2e/users-admin.test.ts).
 */
import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import type { Principal } from "../src/auth";
import { NotFoundError, PreconditionFailedError } from "../src/errors";
import * as Users from "../src/users";
import { profilePatchSchema, userPatchSchema } from "../src/users/schema";

const person = (role: Principal["role"] = "customer"): Principal => ({ userId: `test-users-${randomUUID()}`, role, username: `u-${randomUUID()}` });

describe("user profiles", () => {
  it("creates a profile on first sight from the token and the seed, and returns the same one afterwards", async () => {
    const principal = person();
    const now = new Date("2026-12-03T08:00:00.000Z");
    const profile = await Users.ensure(principal, { email: "cy@example.com", name: "Cy" }, now);
    expect(profile).toEqual({
      id: principal.userId,
      username: principal.username,
      email: "cy@example.com",
      name: "Cy",
      role: "customer",
      deletedAt: null,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
    expect(await Users.ensure(principal, { name: "Someone else" })).toEqual(profile);
    expect(await Users.find(principal.userId)).toEqual(profile);
    expect(await Users.get(principal.userId)).toEqual(profile);
    expect((await Users.ensure(person())).email).toBeNull();
  });

  it("reports the role the token carries, not the stored one", async () => {
    const principal = person();
    await Users.ensure(principal);
    expect((await Users.me({ ...principal, role: "admin" })).role).toBe("admin");
  });

  it("lets users rename themselves, refusing a stale If-Match version, and ignores an empty patch", async () => {
    const principal = person();
    await Users.ensure(principal);
    const later = new Date("2026-12-03T09:00:00.000Z");
    const renamed = await Users.updateMe(principal, { name: "Ada" }, later, 1);
    expect(renamed).toMatchObject({ name: "Ada", version: 2, updatedAt: later.toISOString() });
    await expect(Users.updateMe(principal, { name: "Stale" }, later, 1)).rejects.toThrow(PreconditionFailedError);
    expect(await Users.updateMe(principal, {})).toEqual(renamed);
    expect((await Users.updateMe(principal, { name: null })).name).toBeNull();
  });

  it("lets an administrator rename a user, with If-Match, and knows no user it never saw", async () => {
    const principal = person();
    await Users.ensure(principal);
    expect(await Users.update(principal.userId, { name: "Renamed" }, new Date(), 1)).toMatchObject({ name: "Renamed", version: 2, role: "customer" });
    await expect(Users.update(principal.userId, { name: "Stale" }, new Date(), 1)).rejects.toThrow(PreconditionFailedError);
    // The same role is no role change: no pool call is made.
    expect((await Users.update(principal.userId, { role: "customer" })).version).toBe(3);
    await expect(Users.get(`test-users-${randomUUID()}`)).rejects.toThrow(NotFoundError);
    expect(await Users.find(`test-users-${randomUUID()}`)).toBeUndefined();
  });

  it("takes only a name from users, and a name or a known role from administrators", () => {
    expect(v.parse(profilePatchSchema, { name: "  Ada  " })).toEqual({ name: "Ada" });
    expect(v.is(profilePatchSchema, { role: "admin" })).toBe(false);
    expect(v.is(profilePatchSchema, { name: "" })).toBe(false);
    expect(v.is(userPatchSchema, { role: "admin" })).toBe(true);
    expect(v.safeParse(userPatchSchema, { role: "root" }).issues?.[0]?.message).toBe("must be admin or customer");
  });
});
