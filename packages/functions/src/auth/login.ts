import * as Identity from "@emporium/core/identity";
import { ok, route, withCookies } from "../http";
import { spendAttempt } from "../http/attempts";
import { assertOwnOrigin, refreshCookies } from "../http/session-cookie";
import * as contracts from "../manifest/contracts";

/**
 * Signs in. With `session: "cookie"` (the web app) the refresh token goes in a cookie, not the
 * body, and only the web app's origin may ask for one (no signing a victim's browser into
 * someone else's account from another site).
 */
export const handler = route(contracts.AuthLogIn, async ({ body, request }) => {
  const { session: mode, ...credentials } = body;
  if (mode === "cookie") assertOwnOrigin(request);
  await spendAttempt(request, "logIn", { email: credentials.email });
  const session = await Identity.logIn(credentials);
  if (mode !== "cookie") return ok(session);
  const { refreshToken, ...tokens } = session;
  return withCookies(ok(tokens), refreshToken ? refreshCookies(refreshToken) : []);
});
