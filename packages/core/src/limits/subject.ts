/**
 * Whom a limit or a revocation applies to, named one way for every kind of caller: a signed-in
 * user, an API key, an anonymous caller's source address, and an account flow's attempt bucket.
 * Rate-limit buckets, revocation markers and idempotency records are all keyed by it; the
 * bucket item is `LIMIT#<subject>`.
 */
export type Subject = `user:${string}` | `key:${string}` | `ip:${string}` | `attempt:${string}`;

/** Which value an account-flow attempt is counted against (core/identity/attempts.ts). */
export type AttemptScope = "ip" | "address" | "token";

export const subjects = {
  /** A user by their id (`sub`): their limits, and the marker that ends their sessions. */
  user: (userId: string): Subject => `user:${userId}`,
  /** An API key by its id: its limits, and its revocation. */
  apiKey: (keyId: string): Subject => `key:${keyId}`,
  /** An anonymous caller, by the source address API Gateway saw. */
  address: (sourceIp: string): Subject => `ip:${sourceIp}`,
  /** One account flow's attempts for one IP, address digest or token digest. */
  attempt: (flow: string, scope: AttemptScope, value: string): Subject => `attempt:${flow}:${scope}:${value}`,
};
