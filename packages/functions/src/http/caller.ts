import { API_KEY_SCOPES, roleFromGroups, type ApiClient, type Principal, type Scope } from "@emporium/core/auth";
import { defaultLimits, subjects, type Limits, type Subject } from "@emporium/core/limits";
import type { RouteContract } from "../manifest";
import { ForbiddenError, UnauthenticatedError } from "@emporium/core/errors";

/**
 * Who is calling, read from what API Gateway's authorizers established:
 * - JWT authorizer: claims as strings, arrays rendered `[a b]`. It accepts id tokens too, so the
 *   token use is checked here.
 * - Lambda authorizer (API keys): the context of its simple response.
 * - Public routes: anonymous, known by source IP for rate limiting.
 */
export type Claims = Record<string, string | number | boolean | string[] | undefined>;

export type Caller =
  | { kind: "user"; principal: Principal; subject: Subject; limits: Limits; issuedAtMs: number }
  | { kind: "apiKey"; client: ApiClient; subject: Subject; limits: Limits; issuedAtMs: 0 }
  | { kind: "anonymous"; subject: Subject; limits: Limits; issuedAtMs: 0 };

/** What the API-key authorizer puts in its simple response's `context`. */
export interface ApiKeyContext {
  keyId: string;
  scopes: string;
  rate: number;
  burst: number;
  daily: number;
}

export interface AuthorizerInputs {
  jwtClaims?: Claims;
  lambdaContext?: Partial<ApiKeyContext>;
  sourceIp: string;
}

export function callerFor(route: Pick<RouteContract, "auth" | "scope">, inputs: AuthorizerInputs): Caller {
  switch (route.auth) {
    case "public":
      return { kind: "anonymous", subject: subjects.address(inputs.sourceIp), limits: defaultLimits, issuedAtMs: 0 };
    case "apiKey":
      return apiKeyCaller(route.scope, inputs.lambdaContext);
    case "user":
    case "admin":
      return userCaller(route.auth, inputs.jwtClaims);
  }
}

function userCaller(auth: "user" | "admin", claims: Claims | undefined): Caller {
  if (!claims || claims.token_use !== "access" || typeof claims.sub !== "string" || claims.sub === "") {
    throw new UnauthenticatedError("A valid access token is required.");
  }
  const principal: Principal = {
    userId: claims.sub,
    username: String(claims.username ?? claims.sub),
    role: roleFromGroups(groupsFrom(claims["cognito:groups"])),
    issuedAt: Number(claims.iat) || 0,
  };
  if (auth === "admin" && principal.role !== "admin") {
    throw new ForbiddenError("This operation is reserved for administrators.");
  }
  return { kind: "user", principal, subject: subjects.user(principal.userId), limits: defaultLimits, issuedAtMs: (principal.issuedAt ?? 0) * 1000 };
}

function apiKeyCaller(scope: Scope | undefined, context: Partial<ApiKeyContext> | undefined): Caller {
  if (!context?.keyId) throw new UnauthenticatedError("A valid API key is required.");
  const scopes = String(context.scopes ?? "")
    .split(" ")
    .filter((candidate): candidate is Scope => (API_KEY_SCOPES as readonly string[]).includes(candidate));
  if (!scope || !scopes.includes(scope)) {
    throw new ForbiddenError(`This API key is not granted the ${scope} scope.`);
  }
  const limits: Limits = {
    rate: Number(context.rate) || defaultLimits.rate,
    burst: Number(context.burst) || defaultLimits.burst,
    daily: Number(context.daily) || defaultLimits.daily,
  };
  return { kind: "apiKey", client: { keyId: context.keyId, scopes }, subject: subjects.apiKey(context.keyId), limits, issuedAtMs: 0 };
}

function groupsFrom(value: Claims[string]): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [];
  return value.replace(/^\[|\]$/g, "").split(/[\s,]+/).filter(Boolean);
}
