import { describe, expect, it } from "vitest";
import { refreshTokenValidityDays } from "@emporium/core/identity";
import { get, post, type ApiResponse } from "../support/http";
import { newUser } from "../support/users";
import { target } from "../support/target";

/**
 * Cookie sessions for the web app (`"session": "cookie"`) next to the JSON sessions machine
 * clients keep: the refresh token only ever travels in an HttpOnly cookie scoped to the refresh
 * and logout paths, cross-site requests cannot use it, and logout revokes it for real.
 */
const COOKIE = "emporium_refresh";
const PATHS = ["/api/auth/logout", "/api/auth/refresh"]; // sorted
const MAX_AGE = String(refreshTokenValidityDays * 24 * 3600);

interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** Each Set-Cookie header the HTTP response carried, taken apart (attribute names lower-cased). */
function setCookies(response: ApiResponse): SetCookie[] {
  return response.headers.getSetCookie().map((header) => {
    const [pair, ...rest] = header.split(";").map((part) => part.trim());
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [name, value] = attribute.split("=", 2) as [string, string | undefined];
      attributes[name.toLowerCase()] = value ?? true;
    }
    const separator = pair!.indexOf("=");
    return { name: pair!.slice(0, separator), value: pair!.slice(separator + 1), attributes };
  });
}

async function cookieLogIn() {
  const user = await newUser();
  const login = await post("/auth/login", { email: user.email, password: user.password, session: "cookie" });
  expect(login.status, login.text).toBe(200);
  const [first] = setCookies(login);
  return { user, login, token: first!.value };
}

const withCookie = (token: string, headers: Record<string, string> = {}) => ({ headers: { cookie: `${COOKIE}=${token}`, ...headers } });
const refreshWith = (token: string, headers?: Record<string, string>) => post("/auth/refresh", { session: "cookie" }, withCookie(token, headers));

describe("cookie sessions", () => {
  it("sets the refresh token as HttpOnly, Secure, SameSite=Strict cookies on the refresh and logout paths, never in the body", async () => {
    const { login, token } = await cookieLogIn();
    expect(Object.keys(login.body).sort()).toEqual(["accessToken", "expiresIn", "idToken", "tokenType"]);
    expect(login.body.tokenType).toBe("Bearer");
    expect(login.body.expiresIn).toBeGreaterThan(0);

    const cookies = setCookies(login);
    // Two separate Set-Cookie headers arrived over HTTP, one per path, each with every attribute.
    expect(cookies.map((cookie) => cookie.attributes.path).sort()).toEqual(PATHS);
    for (const cookie of cookies) {
      expect(cookie).toEqual({
        name: COOKIE,
        value: token,
        attributes: { httponly: true, secure: true, samesite: "Strict", path: cookie.attributes.path, "max-age": MAX_AGE },
      });
    }
    expect(token.length).toBeGreaterThan(20);
    expect(login.text).not.toContain(token);
    expect(login.text).not.toContain("refreshToken");

    // It is the session's real refresh token: a machine client could refresh with it.
    const viaBody = await post("/auth/refresh", { refreshToken: token });
    expect(viaBody.status).toBe(200);
  });

  it("refreshes from the cookie, answering new tokens and never the refresh token", async () => {
    const { token } = await cookieLogIn();
    const refreshed = await refreshWith(token);
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(["accessToken", "expiresIn", "idToken", "tokenType"]);
    expect(refreshed.text).not.toContain(token);
    // The pool does not rotate refresh tokens, so the cookie stays as it is.
    expect(setCookies(refreshed)).toEqual([]);
    expect((await get("/me", { token: refreshed.body.accessToken })).status).toBe(200);
  });

  it("refuses a cookie refresh without a cookie, with another cookie only, or with a forged one (401)", async () => {
    for (const headers of [{} as Record<string, string>, { cookie: "other=1; theme=dark" }, { cookie: `${COOKIE}=` }, { cookie: `${COOKIE}=not-a-refresh-token` }]) {
      const response = await post("/auth/refresh", { session: "cookie" }, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("ignores the cookie when the body does not ask for a cookie session", async () => {
    const { token } = await cookieLogIn();
    const response = await post("/auth/refresh", { refreshToken: "not-a-refresh-token" }, withCookie(token));
    expect(response.status).toBe(401);
  });

  it("refuses cookie refresh and logout from a foreign origin (403), and the session survives", async () => {
    const { token } = await cookieLogIn();
    const apiOrigin = new URL(target.apiUrl).origin;
    for (const origin of ["https://evil.example", "null", `${apiOrigin}.evil.example`, "http://localhost:5173.evil.example", "not a url"]) {
      const refresh = await refreshWith(token, { origin });
      expect(refresh.status, origin).toBe(403);
      expect(refresh.text).not.toContain(token);
      const logout = await post("/auth/logout", { session: "cookie" }, withCookie(token, { origin }));
      expect(logout.status, origin).toBe(403);
      expect(setCookies(logout)).toEqual([]);
    }
    expect((await refreshWith(token)).status).toBe(200);
  });

  it("refuses a cookie login from a foreign origin without signing in, and leaves JSON logins alone", async () => {
    const user = await newUser();
    const credentials = { email: user.email, password: user.password };
    const foreign = await post("/auth/login", { ...credentials, session: "cookie" }, { headers: { origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(setCookies(foreign)).toEqual([]);
    expect(foreign.text).not.toContain("Token");
    // Machine clients have no cookie to protect; their Origin (if any) is not this check's business.
    expect((await post("/auth/login", credentials, { headers: { origin: "https://evil.example" } })).status).toBe(200);
    expect((await post("/auth/login", { ...credentials, session: "cookie" }, { headers: { origin: "http://localhost:5173" } })).status).toBe(200);
  });

  it("accepts cookie requests from the stage's web app origins, from the origin the browser addressed, and without Origin", async () => {
    const { token } = await cookieLogIn();
    const apiOrigin = new URL(target.apiUrl).origin;
    expect((await refreshWith(token, { origin: "http://localhost:5173" })).status).toBe(200); // a development origin (corsOrigins)
    expect((await refreshWith(token, { origin: apiOrigin })).status).toBe(200); // same origin
    // Behind the router the API sees its own host; the router passes the viewer's as x-forwarded-host.
    expect((await refreshWith(token, { origin: "https://shop.example", "x-forwarded-host": "shop.example" })).status).toBe(200);
    expect((await refreshWith(token)).status).toBe(200);
  });

  it("logs out from the cookie: revokes the token, clears both cookies, and refreshing fails from then on", async () => {
    const { token } = await cookieLogIn();
    const logout = await post("/auth/logout", { session: "cookie" }, withCookie(token));
    expect(logout.status, logout.text).toBe(204);
    expect(logout.text).toBe("");
    const cleared = setCookies(logout);
    expect(cleared.map((cookie) => cookie.attributes.path).sort()).toEqual(PATHS);
    for (const cookie of cleared) {
      expect(cookie).toEqual({
        name: COOKIE,
        value: "",
        attributes: { httponly: true, secure: true, samesite: "Strict", path: cookie.attributes.path, "max-age": "0" },
      });
    }
    expect((await refreshWith(token)).status).toBe(401);
    expect((await post("/auth/refresh", { refreshToken: token })).status).toBe(401);
    // Logging out again, or with no cookie at all, is still a successful logout.
    expect((await post("/auth/logout", { session: "cookie" }, withCookie(token))).status).toBe(204);
    const bare = await post("/auth/logout", { session: "cookie" });
    expect(bare.status).toBe(204);
    expect(setCookies(bare).map((cookie) => cookie.attributes["max-age"])).toEqual(["0", "0"]);
  });

  it("logs out only the session whose token is revoked", async () => {
    const user = await newUser();
    const first = await post("/auth/login", { email: user.email, password: user.password });
    const second = await post("/auth/login", { email: user.email, password: user.password });
    expect((await post("/auth/logout", { refreshToken: first.body.refreshToken })).status).toBe(204);
    expect((await post("/auth/refresh", { refreshToken: first.body.refreshToken })).status).toBe(401);
    expect((await post("/auth/refresh", { refreshToken: second.body.refreshToken })).status).toBe(200);
  });
});

describe("JSON sessions (machine clients) are unchanged", () => {
  it("answers the refresh token in the body and sets no cookie", async () => {
    const user = await newUser();
    const login = await post("/auth/login", { email: user.email, password: user.password });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(["accessToken", "expiresIn", "idToken", "refreshToken", "tokenType"]);
    expect(setCookies(login)).toEqual([]);
    const refreshed = await post("/auth/refresh", { refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(["accessToken", "expiresIn", "idToken", "tokenType"]);
    expect(setCookies(refreshed)).toEqual([]);
  });

  it("logs out with the body's refresh token: 204, no cookie, and the token no longer refreshes", async () => {
    const user = await newUser();
    const login = await post("/auth/login", { email: user.email, password: user.password });
    const logout = await post("/auth/logout", { refreshToken: login.body.refreshToken });
    expect(logout.status).toBe(204);
    expect(setCookies(logout)).toEqual([]);
    expect((await post("/auth/refresh", { refreshToken: login.body.refreshToken })).status).toBe(401);
    // Revoked, unknown or not-a-refresh tokens: the same 204, which tells nothing.
    for (const refreshToken of [login.body.refreshToken, "not-a-refresh-token", login.body.accessToken]) {
      expect((await post("/auth/logout", { refreshToken })).status).toBe(204);
    }
  });
});

describe("session requests that are not well-formed", () => {
  it("refuses them with 422 problems", async () => {
    const user = await newUser();
    const cases: [string, unknown][] = [
      ["/auth/login", { email: user.email, password: user.password, session: "jwt" }],
      ["/auth/login", { email: user.email, password: user.password, session: true }],
      ["/auth/login", { email: user.email, password: user.password, session: null }],
      ["/auth/refresh", { session: "Cookie" }],
      ["/auth/refresh", { refreshToken: "x", session: "cookie" }],
      ["/auth/refresh", { refreshToken: "" }],
      ["/auth/logout", {}],
      ["/auth/logout", { session: "bogus" }],
      ["/auth/logout", { refreshToken: 5 }],
      ["/auth/logout", { refreshToken: "x", session: "cookie" }],
      ["/auth/logout", { refreshToken: "x", everywhere: true }],
    ];
    for (const [path, body] of cases) {
      const response = await post(path, body);
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(setCookies(response)).toEqual([]);
    }
    // A refused login sets no cookie either.
    const wrong = await post("/auth/login", { email: user.email, password: "Wrong-Passw0rd-!!", session: "cookie" });
    expect(wrong.status).toBe(401);
    expect(setCookies(wrong)).toEqual([]);
  });
});
