import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { Session } from "../api/types";

/**
 * The session calls of the web app. `session: "cookie"` asks the API to keep the refresh token
 * in its HttpOnly cookie (scoped to /api/auth/refresh and /api/auth/logout) instead of returning
 * it in the body, so no script on the page ever holds it. Machine clients omit it and keep the
 * JSON refresh token.
 */
const session = "cookie" as const;

export async function logInWithCookie(email: string, password: string): Promise<Session> {
  return unwrap(await api.POST("/auth/login", { body: { email, password, session } }));
}

/** New tokens from the refresh cookie; a 401 when there is none or it was revoked. */
export async function refreshFromCookie(): Promise<Session> {
  return unwrap(await api.POST("/auth/refresh", { body: { session } }));
}

/** Revokes the refresh token in the pool and clears the cookie. */
export async function logOutCookie(): Promise<void> {
  unwrap(await api.POST("/auth/logout", { body: { session } }));
}

/** E-mails a new sign-up confirmation code (202 whether or not the address is registered). */
export async function resendConfirmation(email: string): Promise<void> {
  unwrap(await api.POST("/auth/resend-confirmation", { body: { email } }));
}
