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
import { documentClient } from "../src/table";
import { inputsSent } from "./support/meter";

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

  it("writes a new user's profile without reading first when given a seed, and reads a known one without writing", async () => {
    const sent = inputsSent(documentClient());
    const callsOf = async <T>(call: () => Promise<T>) => {
      const before = sent.length;
      const result = await call();
      return { result, calls: sent.slice(before).map((input) => ("Item" in input ? "put" : "get")) };
    };
    const principal = person();
    const created = await callsOf(() => Users.ensure(principal, { email: "new@example.com" }));
    expect(created.calls).toEqual(["put"]);
    const known = await callsOf(() => Users.ensure(principal));
    expect(known.calls).toEqual(["get"]);
    expect(known.result).toEqual(created.result);
    // A seed for a user who has a profile: the write is refused and the profile read, unchanged.
    const again = await callsOf(() => Users.ensure(principal, { email: "other@example.com", name: "Other" }));
    expect(again.calls).toEqual(["put", "get"]);
    expect(again.result).toEqual(created.result);
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
