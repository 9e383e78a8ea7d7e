import { api } from "../api/client";
import { apiError, unwrap } from "../api/problem";
import type { Session } from "../api/types";

/**
 * The session calls of the web app. `session: "cookie"` asks the API to keep the refresh token
 * in its HttpOnly cookie (scoped to /api/auth) instead of returning it in the body, so no script
 * on the page ever holds it. Machine clients omit it and keep the JSON refresh token.
 */
const cookie = { session: "cookie" } as const;

export async function logInWithCookie(email: string, password: string): Promise<Session> {
  const body = { email, password, ...cookie };
  return unwrap(await api.POST("/auth/login", { body }));
}

/** New tokens from the refresh cookie; a 401 when there is none or it was revoked. */
export async function refreshFromCookie(): Promise<Session> {
  const body = { ...cookie };
  return unwrap(await api.POST("/auth/refresh", { body: body as never }));
}

/** Revokes the refresh token in the pool and clears the cookie. */
export async function logOutCookie(accessToken: string | null): Promise<void> {
  // Not in the generated client yet: the route is added by the API's cookie-session work.
  const response = await fetch("/api/auth/logout", {
    method: "POST",
    headers: { "content-type": "application/json", ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify(cookie),
  });
  if (!response.ok) throw apiError(await response.json().catch(() => null), response);
}

/** E-mails a new sign-up confirmation code (202 whether or not the address is registered). */
export async function resendConfirmation(email: string): Promise<void> {
  // Not in the generated client yet: the route is added by the API's cookie-session work.
  const response = await fetch("/api/auth/resend-confirmation", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email }),
  });
  if (!response.ok) throw apiError(await response.json().catch(() => null), response);
}
