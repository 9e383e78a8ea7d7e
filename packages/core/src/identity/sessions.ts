import { AdminGetUserCommand, AdminUserGlobalSignOutCommand, UserNotFoundException } from "@aws-sdk/client-cognito-identity-provider";
import { revokeBefore, subjects } from "../limits";
import { cognito, userPoolId } from "./cognito";

/**
 * Ending every session of a user takes two things, because the API's JWT authorizer checks
 * signatures only: the pool's global sign-out invalidates their refresh tokens (no new access
 * token from them), and the revoke-before marker on their subject (packages/core/src/limits)
 * refuses every access token issued before it, at the next request.
 */

/** Refuses every access token of the user issued before now (ms; tokens carry `iat` in seconds). */
export async function revokeSessions(userId: string, at = Date.now()): Promise<void> {
  await revokeBefore(subjects.user(userId), at);
}

/** The pool's global sign-out: every refresh token the user holds stops working. */
export async function signOutEverywhere(username: string, poolId = userPoolId()): Promise<void> {
  try {
    await cognito().send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: username }));
  } catch (error) {
    // A user gone from the pool holds no session.
    if (!(error instanceof UserNotFoundException)) throw error;
  }
}

/** The user's id (`sub`, what their tokens carry), by sign-in name; undefined for no such user. */
export async function userIdOf(username: string, poolId = userPoolId()): Promise<string | undefined> {
  try {
    const { UserAttributes } = await cognito().send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    return UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
  } catch (error) {
    if (error instanceof UserNotFoundException) return undefined;
    throw error;
  }
}

/** Ends every session of a user: marker first (old tokens refused at once), then the pool's sign-out. */
export async function endAllSessions(username: string, userId: string): Promise<void> {
  await revokeSessions(userId);
  await signOutEverywhere(username);
}
