import * as Identity from "@emporium/core/identity";
import { ok, route, withCookies } from "../http";
import { spendAttempt } from "../http/attempts";
import { refreshCookies, requireCookieRefreshToken } from "../http/session-cookie";
import * as contracts from "../manifest/contracts";

/**
 * New access and id tokens from a refresh token: the body's, or with `session: "cookie"` the
 * refresh cookie's (then no refresh token is ever written to the body; should the pool rotate
 * refresh tokens, the new one replaces the cookie).
 */
export const handler = route(contracts.AuthRefresh, async ({ body, request }) => {
  const presented = "refreshToken" in body ? body.refreshToken : requireCookieRefreshToken(request);
  await spendAttempt(request, "refresh", { refreshToken: presented });
  if ("refreshToken" in body) return ok(await Identity.refresh(body));
  const { refreshToken, ...tokens } = await Identity.refresh({ refreshToken: presented });
  return withCookies(ok(tokens), refreshToken ? refreshCookies(refreshToken) : []);
});
