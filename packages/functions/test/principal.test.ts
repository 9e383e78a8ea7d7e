import { describe, expect, it } from "vitest";
import { principalFrom } from "../src/http/principal";
import { HttpError } from "../src/http/problem";

const claims = (extra: Record<string, string> = {}) => ({ sub: "u-1", username: "u-1", token_use: "access", ...extra });

describe("principal from authorizer claims", () => {
  it("reads the role from API Gateway's `[a b]` rendering and from arrays", () => {
    expect(principalFrom(claims({ "cognito:groups": "[customer admin]" }), "user").role).toBe("admin");
    expect(principalFrom({ ...claims(), "cognito:groups": ["admin"] }, "admin").role).toBe("admin");
    expect(principalFrom(claims({ "cognito:groups": "[customer]" }), "user").role).toBe("customer");
    expect(principalFrom(claims(), "user").role).toBe("customer");
  });

  it("does not mistake a group that merely contains 'admin' for the admin group", () => {
    expect(principalFrom(claims({ "cognito:groups": "[administrators]" }), "user").role).toBe("customer");
    expect(principalFrom(claims({ "cognito:groups": "[notadmin]" }), "user").role).toBe("customer");
  });

  it("refuses missing claims, id tokens and customers on admin routes", () => {
    const status = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as HttpError).status;
      }
      return 200;
    };
    expect(status(() => principalFrom(undefined, "user"))).toBe(401);
    expect(status(() => principalFrom(claims({ token_use: "id" }), "user"))).toBe(401);
    expect(status(() => principalFrom(claims({ sub: "" }), "user"))).toBe(401);
    expect(status(() => principalFrom(claims({ "cognito:groups": "[customer]" }), "admin"))).toBe(403);
    expect(status(() => principalFrom(claims({ "cognito:groups": "[admin]" }), "admin"))).toBe(200);
  });
});
