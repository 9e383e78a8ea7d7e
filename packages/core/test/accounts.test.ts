/**
 * The account flows and the pool's administrative calls against cognito-local: sign-up,
 * confirmation, sign-in, refresh, sign-out, password reset, roles and disabling. Each test
 * signs up addresses of its own (./support/pool.ts reads the codes cognito-local "e-mails").
 * Under `bun run test` the stack's pool also runs its PostConfirmation trigger; nothing here
 * depends on it.
 */
import { AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient, ResourceNotFoundException } from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DomainError, ForbiddenError, UnauthenticatedError, ValidationError } from "../src/errors";
import * as Identity from "../src/identity";
import { userIdOf } from "../src/identity/sessions";
import { consume, subjects } from "../src/limits";
import { withLink } from "./support/links";
import { address, confirmedUser, latestCode, PASSWORD } from "./support/pool";

const pool = new CognitoIdentityProviderClient({});
afterAll(() => pool.destroy());
const { userPoolId } = inject("stack");

/** A code that is not the one sent. */
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Expects `promise` to reject with exactly this error: its class and its whole message. */
async function failure(promise: Promise<unknown>, type: abstract new (...args: never[]) => DomainError, message: string) {
  const error = await promise.then(
    (value) => expect.unreachable(`expected ${type.name}, got ${JSON.stringify(value)}`),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
  return error as DomainError;
}

const attributes = async (email: string) =>
  Object.fromEntries(((await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }))).UserAttributes ?? []).map((a) => [a.Name, a.Value]));

const wrongCredentials = "Incorrect e-mail address or password.";

describe("signing up", () => {
  it("registers the address with its name, needs the e-mailed code, then signs in with a Bearer session", async () => {
    const email = address();
    await Identity.signUp({ email, password: PASSWORD, name: "Ines" });
    expect(await attributes(email)).toMatchObject({ email, name: "Ines" });
    // The password is right, but the address is not confirmed yet.
    await failure(Identity.logIn({ email, password: PASSWORD }), ForbiddenError, "Confirm your e-mail address before signing in.");
    const code = latestCode(email);
    const wrong = await failure(Identity.confirmSignUp({ email, code: otherCode(code) }), ValidationError, "One or more fields are invalid.");
    expect((wrong as ValidationError).issues).toEqual([{ path: "code", message: "is not valid or has expired" }]);
    await Identity.confirmSignUp({ email, code });

    const session = await Identity.logIn({ email, password: PASSWORD });
    expect(session).toEqual({ accessToken: expect.any(String), idToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 3600, tokenType: "Bearer" });
    // The tokens are the pool's, for this user.
    const claims = JSON.parse(Buffer.from(session.idToken.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
    expect(claims).toMatchObject({ email, sub: await userIdOf(email) });
  });

  it("answers a known address as an unknown one, and keeps the first registration's password", async () => {
    const email = await confirmedUser();
    await expect(Identity.signUp({ email, password: "Another-pass-77" })).resolves.toBeUndefined();
    await failure(Identity.logIn({ email, password: "Another-pass-77" }), UnauthenticatedError, wrongCredentials);
    expect((await Identity.logIn({ email, password: PASSWORD })).accessToken).toEqual(expect.any(String));
  });

  it("leaves the name out when none is given", async () => {
    const email = address();
    await Identity.signUp({ email, password: PASSWORD });
    expect(await attributes(email)).not.toHaveProperty("name");
  });

  it("says the same for a code sent to an address that has no account", async () => {
    const error = await failure(Identity.confirmSignUp({ email: address(), code: "123456" }), ValidationError, "One or more fields are invalid.");
    expect((error as ValidationError).issues).toEqual([{ path: "code", message: "is not valid or has expired" }]);
  });

  it("sends a new code to an unconfirmed address, and answers unknown addresses alike", async () => {
    const email = address();
    await Identity.signUp({ email, password: PASSWORD });
    const first = latestCode(email);
    // cognito-local draws a fresh code; the odds of drawing the same one again are one in a million.
    await Identity.resendConfirmation({ email });
    const second = latestCode(email);
    expect(second).not.toBe(first);
    await Identity.confirmSignUp({ email, code: second });
    await expect(Identity.resendConfirmation({ email: address() })).resolves.toBeUndefined();
  });
});

describe("signing in", () => {
  it("gives a wrong password and an unknown address the same answer", async () => {
    const email = await confirmedUser();
    await failure(Identity.logIn({ email, password: `${PASSWORD}x` }), UnauthenticatedError, wrongCredentials);
    await failure(Identity.logIn({ email: address(), password: PASSWORD }), UnauthenticatedError, wrongCredentials);
  });

  it("refreshes a session with its refresh token until the session is ended, and refuses other tokens", async () => {
    const email = await confirmedUser();
    const session = await Identity.logIn({ email, password: PASSWORD });
    const refreshed = await Identity.refresh({ refreshToken: session.refreshToken! });
    expect(refreshed).toMatchObject({ accessToken: expect.any(String), idToken: expect.any(String), expiresIn: 3600, tokenType: "Bearer" });
    await failure(Identity.refresh({ refreshToken: "not-a-token" }), UnauthenticatedError, "The refresh token is not valid.");

    await Identity.logOut({ refreshToken: session.refreshToken! });
    await failure(Identity.refresh({ refreshToken: session.refreshToken! }), UnauthenticatedError, "The refresh token is not valid.");
    // Ending it again, or ending a token that never existed, is no error and tells nothing.
    await expect(Identity.logOut({ refreshToken: session.refreshToken! })).resolves.toBeUndefined();
    await expect(Identity.logOut({ refreshToken: "not-a-token" })).resolves.toBeUndefined();
  });
});

describe("resetting a password", () => {
  it("sets the new password with the e-mailed code and ends every session the account held", async () => {
    const email = await confirmedUser();
    const session = await Identity.logIn({ email, password: PASSWORD });
    const userId = (await userIdOf(email))!;
    const issuedAt = Date.now() - 1_000;
    await Identity.forgotPassword({ email });
    const code = latestCode(email);
    const wrong = await failure(Identity.confirmForgotPassword({ email, code: otherCode(code), password: "Brand-new-pass-1" }), ValidationError, "One or more fields are invalid.");
    expect((wrong as ValidationError).issues).toEqual([{ path: "code", message: "is not valid or has expired" }]);
    // A wrong code signs nobody out.
    expect((await Identity.refresh({ refreshToken: session.refreshToken! })).accessToken).toEqual(expect.any(String));
    expect((await consume(subjects.user(userId), { rate: 10, burst: 10, daily: 100 }, issuedAt)).allowed).toBe(true);

    await Identity.confirmForgotPassword({ email, code, password: "Brand-new-pass-1" });
    await failure(Identity.logIn({ email, password: PASSWORD }), UnauthenticatedError, wrongCredentials);
    expect((await Identity.logIn({ email, password: "Brand-new-pass-1" })).accessToken).toEqual(expect.any(String));
    // The old refresh token no longer works, and access tokens issued before the reset are refused.
    await failure(Identity.refresh({ refreshToken: session.refreshToken! }), UnauthenticatedError, "The refresh token is not valid.");
    expect(await consume(subjects.user(userId), { rate: 10, burst: 10, daily: 100 }, issuedAt)).toMatchObject({ allowed: false });
    expect((await consume(subjects.user(userId), { rate: 10, burst: 10, daily: 100 }, Date.now() + 1_000)).allowed).toBe(true);
  });

  it("answers unknown addresses as known ones, and refuses a code for an address without an account", async () => {
    await expect(Identity.forgotPassword({ email: address() })).resolves.toBeUndefined();
    const error = await failure(Identity.confirmForgotPassword({ email: address(), code: "123456", password: "Brand-new-pass-1" }), ValidationError, "One or more fields are invalid.");
    expect((error as ValidationError).issues).toEqual([{ path: "code", message: "is not valid or has expired" }]);
  });

});

describe("administering users in the pool", () => {
  /**
   * The groups of a user, asked by their pool username (cognito-local matches group members by the
   * name asked with, not by the user it resolves; Cognito answers alike for either).
   */
  const groupsOf = async (address: string) => {
    const { Username } = await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: address }));
    const { Groups = [] } = await pool.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username }));
    return Groups.map((group) => group.GroupName).sort();
  };

  it("puts a user in exactly the group of their role", async () => {
    const email = await confirmedUser();
    await Identity.setRole(email, "admin");
    expect(await groupsOf(email)).toEqual(["admin"]);
    await Identity.setRole(email, "customer");
    expect(await groupsOf(email)).toEqual(["customer"]);
    await Identity.setRole(email, "customer");
    expect(await groupsOf(email)).toEqual(["customer"]);
  });

  // Cognito then refuses the user's sign-ins; cognito-local records the flag but does not check it.
  it("disables a user in the pool; an unknown user is no error", async () => {
    const email = await confirmedUser();
    await Identity.disable(email);
    expect((await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }))).Enabled).toBe(false);
    await expect(Identity.disable(address())).resolves.toBeUndefined();
  });

  it("finds a user's id by address, none for an unknown address, and signs out an unknown user without error", async () => {
    const email = await confirmedUser();
    expect(await userIdOf(email)).toBe((await attributes(email)).sub);
    expect(await userIdOf(address())).toBeUndefined();
    await expect(Identity.signOutEverywhere(address())).resolves.toBeUndefined();
  });
});

/**
 * The answers that must look alike (unknown accounts, dead tokens) are the pool's answers for
 * those cases only. When the pool fails for another reason, here an app client or user pool that
 * does not exist (as a function would see it with a deleted or mislinked pool), the failure
 * reaches the caller as the fault it is: not a success, not "no such user", not a 429.
 */
describe("a pool that fails for another reason", () => {
  const missingClient = <T>(body: () => Promise<T>) => withLink("UserPoolClient", { id: "no-such-client" }, body);
  const missingPool = <T>(body: () => Promise<T>) => withLink("UserPool", { id: "us-east-1_nosuchpool" }, body);

  it("fails the flows that answer unknown accounts alike", async () => {
    const email = await confirmedUser();
    const { refreshToken } = await Identity.logIn({ email, password: PASSWORD });
    await missingClient(async () => {
      await expect(Identity.signUp({ email: address(), password: PASSWORD })).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(Identity.resendConfirmation({ email: address() })).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(Identity.forgotPassword({ email })).rejects.toBeInstanceOf(ResourceNotFoundException);
      await expect(Identity.logOut({ refreshToken: refreshToken! })).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
    // The session the failed sign-out did not end still works.
    expect((await Identity.refresh({ refreshToken: refreshToken! })).accessToken).toEqual(expect.any(String));
  });

  it("fails the administrative calls that take an unknown user as done", async () => {
    const email = await confirmedUser();
    await expect(Identity.signOutEverywhere(email, "us-east-1_nosuchpool")).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(userIdOf(email, "us-east-1_nosuchpool")).rejects.toBeInstanceOf(ResourceNotFoundException);
    await missingPool(async () => {
      await expect(Identity.disable(email)).rejects.toBeInstanceOf(ResourceNotFoundException);
    });
    expect((await pool.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }))).Enabled).toBe(true);
  });
});
