import * as Identity from "@emporium/core/identity";
import { ok, route, withCookies } from "../http";
import { refreshCookies } from "../http/session-cookie";

/** Signs in. With `session: "cookie"` (the web app) the refresh token goes in a cookie, not the body. */
export const handler = route("POST /auth/login", async (request) => {
  const { session: mode, ...credentials } = request.body(Identity.logInSchema);
  const session = await Identity.logIn(credentials);
  if (mode !== "cookie") return ok(session);
  const { refreshToken, ...tokens } = session;
  return withCookies(ok(tokens), refreshToken ? refreshCookies(refreshToken) : []);
});
