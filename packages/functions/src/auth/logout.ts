import * as Identity from "@emporium/core/identity";
import { noContent, route, withCookies } from "../http";
import { clearedRefreshCookies, cookieRefreshToken } from "../http/session-cookie";
import * as contracts from "../manifest/contracts";

/**
 * Ends a session by revoking its refresh token: the body's, or with `session: "cookie"` the
 * refresh cookie's, which is then cleared. Always 204 once the request is well-formed: an
 * unknown or already revoked token, or no cookie at all, leaves nothing to end.
 */
export const handler = route(contracts.AuthLogOut, async ({ body, request }) => {
  if ("refreshToken" in body) {
    await Identity.logOut(body);
    return noContent();
  }
  const refreshToken = cookieRefreshToken(request);
  if (refreshToken) await Identity.logOut({ refreshToken });
  return withCookies(noContent(), clearedRefreshCookies());
});
