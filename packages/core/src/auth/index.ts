/**
 * Who is calling, as established by the API's authorizers. Core services take an Actor and
 * enforce ownership and permissions with it; they never see tokens or Lambda events.
 */
export type Role = "admin" | "customer";

/** What an API key can be granted; admins hold every permission. */
export const API_KEY_SCOPES = ["orders:read", "stock:write"] as const;
export type Scope = (typeof API_KEY_SCOPES)[number];

/** A signed-in user (Cognito access token). */
export interface Principal {
  userId: string;
  role: Role;
  username: string;
  /** The token's `iat`, in seconds: sessions older than a revocation are refused. */
  issuedAt?: number;
}

/** A machine client (API key). */
export interface ApiClient {
  keyId: string;
  scopes: readonly Scope[];
}

export type Actor = Principal | ApiClient;

export const isApiClient = (actor: Actor): actor is ApiClient => "keyId" in actor;

export const isAdmin = (actor: Actor): boolean => !isApiClient(actor) && actor.role === "admin";

export function can(actor: Actor, scope: Scope): boolean {
  return isApiClient(actor) ? actor.scopes.includes(scope) : actor.role === "admin";
}

/** Highest-privilege group wins; a user in no known group is a customer. */
export function roleFromGroups(groups: readonly string[]): Role {
  return groups.includes("admin") ? "admin" : "customer";
}
