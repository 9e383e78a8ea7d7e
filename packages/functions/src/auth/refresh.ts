import * as Identity from "@emporium/core/identity";
import { ok, route, withCookies } from "../http";
import { spendAttempt } from "../http/attempts";
import { refreshCookies, requireCookieRefreshToken } from "../http/session-cookie";

/**
 * New access and id tokens from a refresh token: the body's, or with `session: "cookie"` the
 * refresh cookie's (then no refresh token is ever written to the body; should the pool rotate
 * refresh tokens, the new one replaces the cookie).
 */
export const handler = route("POST /auth/refresh", async (request) => {
  const input = request.body(Identity.refreshSchema);
  const presented = "refreshToken" in input ? input.refreshToken : requireCookieRefreshToken(request);
  await spendAttempt(request, "refresh", { refreshToken: presented });
  if ("refreshToken" in input) return ok(await Identity.refresh(input));
  const { refreshToken, ...tokens } = await Identity.refresh({ refreshToken: presented });
  return withCookies(ok(tokens), refreshToken ? refreshCookies(refreshToken) : []);
});
