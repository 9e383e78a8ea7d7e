import { describe, expect, it } from "vitest";
import { callerFor } from "../src/http/caller";
import { problem } from "../src/http/problem";

const claims = (extra: Record<string, string> = {}) => ({ sub: "u-1", username: "u-1", token_use: "access", iat: "1700000000", ...extra });
const user = (auth: "user" | "admin", jwtClaims?: Record<string, unknown>) => callerFor({ auth }, { jwtClaims: jwtClaims as never, sourceIp: "203.0.113.7" });

function status(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    return problem(error, "test").statusCode;
  }
  return 200;
}

describe("caller from authorizer output", () => {
  it("reads the role from API Gateway's `[a b]` rendering and from arrays", () => {
    const role = (caller: ReturnType<typeof user>) => (caller.kind === "user" ? caller.principal.role : undefined);
    expect(role(user("user", claims({ "cognito:groups": "[customer admin]" })))).toBe("admin");
    expect(role(user("admin", { ...claims(), "cognito:groups": ["admin"] }))).toBe("admin");
    expect(role(user("user", claims({ "cognito:groups": "[customer]" })))).toBe("customer");
    expect(role(user("user", claims()))).toBe("customer");
  });

  it("does not mistake a group that merely contains 'admin' for the admin group", () => {
    expect(status(() => user("admin", claims({ "cognito:groups": "[administrators]" })))).toBe(403);
    expect(status(() => user("admin", claims({ "cognito:groups": "[notadmin]" })))).toBe(403);
  });

  it("refuses missing claims, id tokens and customers on admin routes", () => {
    expect(status(() => user("user", undefined))).toBe(401);
    expect(status(() => user("user", claims({ token_use: "id" })))).toBe(401);
    expect(status(() => user("user", claims({ sub: "" })))).toBe(401);
    expect(status(() => user("admin", claims({ "cognito:groups": "[customer]" })))).toBe(403);
    expect(status(() => user("admin", claims({ "cognito:groups": "[admin]" })))).toBe(200);
  });

  it("limits users by user, keys by key and anonymous callers by address, with the session's issue time", () => {
    expect(user("user", claims())).toMatchObject({ subject: "user:u-1", issuedAtMs: 1_700_000_000_000 });
    expect(callerFor({ auth: "public" }, { sourceIp: "203.0.113.7" })).toMatchObject({ kind: "anonymous", subject: "ip:203.0.113.7" });
    const key = callerFor(
      { auth: "apiKey", scope: "orders:read" },
      { lambdaContext: { keyId: "K1", scopes: "orders:read stock:write", rate: 5, burst: 10, daily: 100 }, sourceIp: "x" },
    );
    expect(key).toMatchObject({ kind: "apiKey", subject: "key:K1", limits: { rate: 5, burst: 10, daily: 100 }, client: { scopes: ["orders:read", "stock:write"] } });
  });

  it("refuses a key without the route's scope, and a route reached without the authorizer's context", () => {
    const context = { keyId: "K1", scopes: "stock:write", rate: 5, burst: 10, daily: 100 };
    expect(status(() => callerFor({ auth: "apiKey", scope: "orders:read" }, { lambdaContext: context, sourceIp: "x" }))).toBe(403);
    expect(status(() => callerFor({ auth: "apiKey", scope: "orders:read" }, { sourceIp: "x" }))).toBe(401);
  });
});
