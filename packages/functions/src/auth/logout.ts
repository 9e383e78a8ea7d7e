import * as Identity from "@emporium/core/identity";
import { noContent, route, withCookies } from "../http";
import { clearedRefreshCookies, cookieRefreshToken } from "../http/session-cookie";

/**
 * Ends a session by revoking its refresh token: the body's, or with `session: "cookie"` the
 * refresh cookie's, which is then cleared. Always 204 once the request is well-formed: an
 * unknown or already revoked token, or no cookie at all, leaves nothing to end.
 */
export const handler = route("POST /auth/logout", async (request) => {
  const input = request.body(Identity.logOutSchema);
  if ("refreshToken" in input) {
    await Identity.logOut(input);
    return noContent();
  }
  const refreshToken = cookieRefreshToken(request);
  if (refreshToken) await Identity.logOut({ refreshToken });
  return withCookies(noContent(), clearedRefreshCookies());
});
