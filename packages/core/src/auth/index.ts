/**
 * Who is calling, as established by the API's authorizer. Core services take a Principal and
 * enforce ownership with it; they never see tokens or Lambda events.
 */
export type Role = "admin" | "customer";

export interface Principal {
  userId: string;
  role: Role;
  username: string;
}

export const isAdmin = (principal: Principal): boolean => principal.role === "admin";

/** Highest-privilege group wins; a user in no known group is a customer. */
export function roleFromGroups(groups: readonly string[]): Role {
  return groups.includes("admin") ? "admin" : "customer";
}
