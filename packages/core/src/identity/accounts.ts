import {
  CodeMismatchException,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
  TooManyRequestsException,
  UnauthorizedException,
  UnsupportedTokenTypeException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from "@aws-sdk/client-cognito-identity-provider";
import * as v from "valibot";
import { DomainError, ForbiddenError, TooManyRequestsError, UnauthenticatedError, ValidationError } from "../errors";
import { appClientId, cognito } from "./cognito";
import type { confirmForgotPasswordSchema, confirmSignUpSchema, forgotPasswordSchema, logInSchema, resendConfirmationSchema, signUpSchema, Session } from "./schema";
import { endAllSessions, userIdOf } from "./sessions";

/**
 * Account flows against the user pool. Nothing here tells a caller whether an e-mail address is
 * registered: unknown users and wrong passwords fail alike, whatever error the pool raises
 * (Cognito says NotAuthorizedException, cognito-local InvalidPasswordException), and sign-up
 * and password reset answer the same for known and unknown addresses.
 */

const wrongCredentials = () => new UnauthenticatedError("Incorrect e-mail address or password.");
const badCode = () => new ValidationError([{ path: "code", message: "is not valid or has expired" }]);

/** A pool error class (the SDK builds one per error Cognito names). */
type PoolError = abstract new (...args: never[]) => Error;

/**
 * Turns a failed pool request into the domain's answer: the first row whose class the error is
 * an instance of, else the pool's own throttling as a 429; domain errors raised inside the
 * request (a session with no tokens) pass as they are; anything else is a fault.
 */
function rethrow(error: unknown, mapping: [PoolError, () => DomainError][] = []): never {
  if (error instanceof DomainError) throw error;
  const mapped = mapping.find(([type]) => error instanceof type);
  if (mapped) throw mapped[1]();
  if (error instanceof TooManyRequestsException || error instanceof LimitExceededException) {
    throw new TooManyRequestsError("Too many attempts; wait a while and try again.", 60);
  }
  throw error;
}

/**
 * Runs a pool request whose `alike` failures must look like success to the caller: an unknown
 * or unconfirmed account, or a dead token, may not be told apart from a good one. Any other
 * failure is mapped as usual.
 */
async function answeringAlike(request: () => Promise<unknown>, alike: readonly PoolError[]): Promise<void> {
  try {
    await request();
  } catch (error) {
    if (alike.some((type) => error instanceof type)) return;
    rethrow(error);
  }
}

/** What Cognito answers for an address with no account, or none in a state to take the request. */
const unknownAccount = [UserNotFoundException, InvalidParameterException, NotAuthorizedException];

const passwordRejected = (error: unknown) => () =>
  new ValidationError([{ path: "password", message: (error as Error).message || "does not meet the password policy" }]);

/** Registers a user; the pool e-mails a confirmation code. Known addresses get the same answer. */
export async function signUp(input: v.InferOutput<typeof signUpSchema>): Promise<void> {
  try {
    await cognito().send(
      new SignUpCommand({
        ClientId: appClientId(),
        Username: input.email,
        Password: input.password,
        UserAttributes: [{ Name: "email", Value: input.email }, ...(input.name ? [{ Name: "name", Value: input.name }] : [])],
      }),
    );
  } catch (error) {
    if (error instanceof UsernameExistsException) return;
    rethrow(error, [[InvalidPasswordException, passwordRejected(error)]]);
  }
}

export async function confirmSignUp(input: v.InferOutput<typeof confirmSignUpSchema>): Promise<void> {
  try {
    await cognito().send(new ConfirmSignUpCommand({ ClientId: appClientId(), Username: input.email, ConfirmationCode: input.code }));
  } catch (error) {
    rethrow(error, [
      [CodeMismatchException, badCode],
      [ExpiredCodeException, badCode],
      [UserNotFoundException, badCode],
      [NotAuthorizedException, badCode],
    ]);
  }
}

export async function logIn(input: v.InferOutput<typeof logInSchema>): Promise<Session> {
  try {
    const { AuthenticationResult } = await cognito().send(
      new InitiateAuthCommand({
        ClientId: appClientId(),
        AuthFlow: "USER_PASSWORD_AUTH",
        AuthParameters: { USERNAME: input.email, PASSWORD: input.password },
      }),
    );
    if (!AuthenticationResult?.AccessToken) throw wrongCredentials();
    return session(AuthenticationResult);
  } catch (error) {
    rethrow(error, [
      [NotAuthorizedException, wrongCredentials],
      [UserNotFoundException, wrongCredentials],
      [InvalidPasswordException, wrongCredentials],
      [PasswordResetRequiredException, wrongCredentials],
      // Raised only after the password matched, so it reveals nothing to a guesser.
      [UserNotConfirmedException, () => new ForbiddenError("Confirm your e-mail address before signing in.")],
    ]);
  }
}

export async function refresh(input: { refreshToken: string }): Promise<Session> {
  const invalid = () => new UnauthenticatedError("The refresh token is not valid.");
  try {
    const { AuthenticationResult } = await cognito().send(
      new InitiateAuthCommand({ ClientId: appClientId(), AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: input.refreshToken } }),
    );
    if (!AuthenticationResult?.AccessToken) throw invalid();
    return session(AuthenticationResult);
  } catch (error) {
    rethrow(error, [
      [NotAuthorizedException, invalid],
      [UserNotFoundException, invalid],
    ]);
  }
}

/**
 * Ends a session: the pool revokes the refresh token (and, for its own APIs, the access tokens
 * issued from it; the API's JWT authorizer checks signatures only, so an access token already
 * handed out stays valid until it expires, at most an hour). A token that is unknown, already
 * revoked or not a refresh token is not an error: the outcome the caller wants holds, and the
 * answer must not tell which tokens exist.
 */
export async function logOut(input: { refreshToken: string }): Promise<void> {
  await answeringAlike(
    () => cognito().send(new RevokeTokenCommand({ ClientId: appClientId(), Token: input.refreshToken })),
    [NotAuthorizedException, UnauthorizedException, UnsupportedTokenTypeException, InvalidParameterException],
  );
}

/**
 * Sends a new confirmation code to an unconfirmed registration. Unknown and already confirmed
 * addresses get the same answer, like sign-up.
 */
export async function resendConfirmation(input: v.InferOutput<typeof resendConfirmationSchema>): Promise<void> {
  await answeringAlike(() => cognito().send(new ResendConfirmationCodeCommand({ ClientId: appClientId(), Username: input.email })), unknownAccount);
}

/** Starts a password reset; unknown addresses get the same answer as known ones. */
export async function forgotPassword(input: v.InferOutput<typeof forgotPasswordSchema>): Promise<void> {
  await answeringAlike(() => cognito().send(new ForgotPasswordCommand({ ClientId: appClientId(), Username: input.email })), unknownAccount);
}

/**
 * Sets a new password with the e-mailed code, then ends every session the account held: whoever
 * had the old password (or a token stolen with it) is out. Only a reset that succeeded does
 * this, so wrong codes cannot sign anyone out. Should ending them fail, the request fails (5xx)
 * rather than reporting a reset that left old sessions alive.
 */
export async function confirmForgotPassword(input: v.InferOutput<typeof confirmForgotPasswordSchema>): Promise<void> {
  await resetPassword(input);
  const userId = await userIdOf(input.email);
  if (userId) await endAllSessions(input.email, userId);
}

async function resetPassword(input: v.InferOutput<typeof confirmForgotPasswordSchema>): Promise<void> {
  try {
    await cognito().send(
      new ConfirmForgotPasswordCommand({ ClientId: appClientId(), Username: input.email, ConfirmationCode: input.code, Password: input.password }),
    );
  } catch (error) {
    rethrow(error, [
      [CodeMismatchException, badCode],
      [ExpiredCodeException, badCode],
      [UserNotFoundException, badCode],
      [InvalidPasswordException, passwordRejected(error)],
    ]);
  }
}

function session(result: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number }): Session {
  return {
    accessToken: result.AccessToken!,
    idToken: result.IdToken!,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: "Bearer",
  };
}
