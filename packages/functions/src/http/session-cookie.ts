import { refreshTokenValidityDays } from "@emporium/core/identity";
import { ForbiddenError, UnauthenticatedError } from "@emporium/core/errors";
import { Resource } from "sst";
import { corsOrigins, webApiBasePath, type ManifestRouteKey } from "../manifest";
import type { ApiRequest } from "./request";

/**
 * Cookie sessions for the web app (`session: "cookie"` on login, refresh and logout): the
 * refresh token lives in an HttpOnly cookie that script cannot read, instead of the JSON body.
 *
 * The cookie is set once per route that reads it, with that route's exact public path, so the
 * browser sends it to refresh and logout and to nothing else (one `Path=/api/auth` would also
 * send it to login, sign-up and the rest). Paths are public ones: the router strips
 * `webApiBasePath` before requests get here, but the browser matches `Path` against what it
 * addressed.
 */
export const REFRESH_COOKIE = "emporium_refresh";

const readers = ["POST /auth/refresh", "POST /auth/logout"] as const satisfies readonly ManifestRouteKey[];
/** The public paths the cookie is scoped to, one cookie each. */
export const refreshCookiePaths = readers.map((key) => `${webApiBasePath}${key.slice(key.indexOf(" ") + 1)}`);
const MAX_AGE_SECONDS = refreshTokenValidityDays * 24 * 3600;

// Cognito's refresh tokens are base64url segments joined by dots; anything else would need quoting.
const COOKIE_VALUE = /^[A-Za-z0-9._~+/=-]+$/;

const attributes = (path: string, maxAge: number) => `HttpOnly; Secure; SameSite=Strict; Path=${path}; Max-Age=${maxAge}`;

/** `Set-Cookie` values that hand the web app its refresh token, for as long as the token lasts. */
export function refreshCookies(refreshToken: string): string[] {
  if (!COOKIE_VALUE.test(refreshToken)) throw new Error("the refresh token cannot be a cookie value as it is");
  return refreshCookiePaths.map((path) => `${REFRESH_COOKIE}=${refreshToken}; ${attributes(path, MAX_AGE_SECONDS)}`);
}

/** `Set-Cookie` values that make the browser drop the refresh cookies (same name and path, Max-Age=0). */
export function clearedRefreshCookies(): string[] {
  return refreshCookiePaths.map((path) => `${REFRESH_COOKIE}=; ${attributes(path, 0)}`);
}

/**
 * The refresh token from the cookie, on a request that opted into cookie sessions; undefined
 * when there is none. Cross-site requests are refused first (see `assertOwnOrigin`).
 */
export function cookieRefreshToken(request: ApiRequest): string | undefined {
  assertOwnOrigin(request);
  const token = request.cookie(REFRESH_COOKIE);
  return token ? token : undefined;
}

/** The cookie's token, or the 401 a refresh without one gets. */
export function requireCookieRefreshToken(request: ApiRequest): string {
  const token = cookieRefreshToken(request);
  if (!token) throw new UnauthenticatedError("No session cookie was sent; sign in again.");
  return token;
}

/**
 * CSRF defence in depth: SameSite=Strict already keeps browsers from sending the cookie on
 * cross-site requests; on top of that, a cookie-mode request whose `Origin` is present must come
 * from the web app: an origin the stage allows for CORS, or the very origin the browser
 * addressed (the router passes the viewer's host as `x-forwarded-host`). A missing `Origin` is
 * let through: browsers send it on every cross-origin POST, so its absence means same-origin
 * or a non-browser client, which has no victim's cookie to ride on.
 */
export function assertOwnOrigin(request: ApiRequest): void {
  const origin = request.header("origin");
  if (origin === undefined) return;
  if (corsOrigins(Resource.App.stage).includes(origin)) return;
  const addressed = request.header("x-forwarded-host") ?? request.header("host");
  if (addressed !== undefined && hostOf(origin) === addressed.toLowerCase()) return;
  throw new ForbiddenError("Cookie sessions are accepted only from the web app's own origin.");
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined; // "null" (sandboxed frames, privacy redirects) and other non-URLs match nothing.
  }
}
