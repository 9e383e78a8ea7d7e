import { roleFromGroups, type Principal } from "@emporium/core/auth";
import type { Auth } from "../manifest";
import { HttpError } from "./problem";

/**
 * The caller, read from the claims API Gateway's JWT authorizer verified. API Gateway passes
 * every claim as a string and renders arrays as `[a b]`; the authorizer accepts id tokens too,
 * so the token use is checked here.
 */
export type Claims = Record<string, string | number | boolean | string[] | undefined>;

export function principalFrom(claims: Claims | undefined, auth: Exclude<Auth, "public">): Principal {
  if (!claims || claims.token_use !== "access" || typeof claims.sub !== "string" || claims.sub === "") {
    throw new HttpError(401, "Unauthorized", "A valid access token is required.", { "www-authenticate": "Bearer" });
  }
  const principal: Principal = {
    userId: claims.sub,
    username: String(claims.username ?? claims.sub),
    role: roleFromGroups(groupsFrom(claims["cognito:groups"])),
  };
  if (auth === "admin" && principal.role !== "admin") {
    throw new HttpError(403, "Forbidden", "This operation is reserved for administrators.");
  }
  return principal;
}

function groupsFrom(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [];
  return value.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
}
