/**
 * An administrator's role changes and deletions, which also act on the user pool (cognito-local)
 * and on the user's rate-limit subject: a role change ends every session the user held, a
 * deletion disables them in the pool, refuses all their tokens for good and anonymises the
 * profile. (tests/e2e/users-admin.test.ts covers the same over HTTP.)
 */
import { AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, inject, it } from "vitest";
import { NotFoundError, PreconditionFailedError, UnauthenticatedError } from "../src/errors";
import * as Identity from "../src/identity";
import { userIdOf } from "../src/identity/sessions";
import { consume, subjects, type Limits } from "../src/limits";
import * as Users from "../src/users";
import { confirmedUser, PASSWORD } from "./support/pool";

const pool = new CognitoIdentityProviderClient({});
afterAll(() => pool.destroy());
const { userPoolId } = inject("stack");
const limits: Limits = { rate: 10, burst: 10, daily: 100 };

/** A confirmed pool user with a profile as the API creates it, and a session. */
async function member() {
  const email = await confirmedUser("Rafa");
  const userId = (await userIdOf(email))!;
  const profile = await Users.ensure({ userId, role: "customer", username: email }, { email, name: "Rafa" });
  const session = await Identity.logIn({ email, password: PASSWORD });
  return { email, userId, profile, session, issuedAt: Date.now() - 1_000 };
}

/**
 * The groups of a user, asked by their pool username (cognito-local matches group members by the
 * name asked with, not by the user it resolves; Cognito answers alike for either).
 */
const groupsOf = async (address: string) => {
  const { Username } = await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: address }));
  const { Groups = [] } = await pool.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username }));
  return Groups.map((group) => group.GroupName).sort();
};

/** Whether an access token of the user issued at `issuedAt` would still be served. */
const served = async (userId: string, issuedAt: number) => (await consume(subjects.user(userId), limits, issuedAt)).allowed;

describe("an administrator changing a user's role", () => {
  it("moves the user's group, records the role and ends every session the user held", async () => {
    const { email, userId, profile, session, issuedAt } = await member();
    const now = new Date("2026-12-03T15:00:00.000Z");
    const updated = await Users.update(userId, { role: "admin" }, now);
    expect(updated).toEqual({ ...profile, role: "admin", version: profile.version + 1, updatedAt: now.toISOString() });
    expect(await Users.get(userId)).toEqual(updated);
    expect(await groupsOf(email)).toEqual(["admin"]);
    // The old refresh token mints nothing, and access tokens issued before are refused.
    await expect(Identity.refresh({ refreshToken: session.refreshToken! })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(await served(userId, issuedAt)).toBe(false);
    expect(await served(userId, Date.now() + 1_000)).toBe(true);
  });

  it("refuses a role change under a stale If-Match before anything moves: group, sessions and profile stay", async () => {
    const { email, userId, profile, session, issuedAt } = await member();
    const groups = await groupsOf(email);
    const stale = await Users.update(userId, { role: "admin" }, new Date(), profile.version + 1).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(PreconditionFailedError);
    expect((stale as Error).message).toBe(`Profile ${userId} changed; fetch it again and reapply your change.`);
    expect(await groupsOf(email)).toEqual(groups);
    expect(await served(userId, issuedAt)).toBe(true);
    expect((await Identity.refresh({ refreshToken: session.refreshToken! })).accessToken).toEqual(expect.any(String));
    expect(await Users.get(userId)).toEqual(profile);
  });

  it("ends no session when the role stays the same, and only renames", async () => {
    const { userId, profile, session, issuedAt } = await member();
    const updated = await Users.update(userId, { role: "customer", name: "Rafael" });
    expect(updated).toMatchObject({ role: "customer", name: "Rafael", version: profile.version + 1 });
    expect((await Identity.refresh({ refreshToken: session.refreshToken! })).accessToken).toEqual(expect.any(String));
    expect(await served(userId, issuedAt)).toBe(true);
  });
});

describe("an administrator deleting a user", () => {
  it("disables the user in the pool, refuses every token of theirs for good and anonymises the profile, once", async () => {
    const { email, userId, profile } = await member();
    const now = new Date("2026-12-03T16:00:00.000Z");
    await Users.remove(userId, now);
    expect((await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }))).Enabled).toBe(false);
    expect(await served(userId, Date.now() + 60_000)).toBe(false);
    expect(await Users.get(userId)).toEqual({ ...profile, email: null, name: null, deletedAt: now.toISOString(), version: profile.version + 1, updatedAt: now.toISOString() });

    const again = await Users.remove(userId).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(NotFoundError);
    expect((again as Error).message).toBe(`User ${userId} does not exist.`);
    const renamed = await Users.update(userId, { name: "Back" }).catch((error: unknown) => error);
    expect(renamed).toBeInstanceOf(NotFoundError);
    expect((renamed as Error).message).toBe(`User ${userId} does not exist.`);
    // A deleted user gets no role either: refused before the pool is touched.
    const groups = await groupsOf(email);
    await expect(Users.update(userId, { role: "admin" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await groupsOf(email)).toEqual(groups);
    // Their own token, should one still reach the service, finds the account deleted.
    const me = await Users.me({ userId, role: "customer", username: email }).catch((error: unknown) => error);
    expect(me).toBeInstanceOf(UnauthenticatedError);
    expect((me as Error).message).toBe("This account has been deleted.");
  });
});
