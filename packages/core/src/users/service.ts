import type { Principal } from "../auth";
import * as repository from "./repository";
import type { ProfilePatch, UserProfile } from "./schema";

export interface ProfileSeed {
  email?: string | null;
  name?: string | null;
}

/**
 * The caller's profile, created on first sight. Tokens are the authority on the role, so the
 * role returned is always the principal's, whatever an older profile item says.
 */
export async function me(principal: Principal, seed: ProfileSeed = {}, now = new Date()): Promise<UserProfile> {
  const existing = await repository.getProfile(principal.userId);
  if (existing) return { ...existing, role: principal.role };
  const timestamp = now.toISOString();
  const profile: UserProfile = {
    id: principal.userId,
    email: seed.email ?? null,
    name: seed.name ?? null,
    role: principal.role,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  if (await repository.insertProfile(profile)) return profile;
  return me(principal, seed, now); // created concurrently by another request: read theirs
}

export async function updateMe(principal: Principal, patch: ProfilePatch, now = new Date()): Promise<UserProfile> {
  const current = await me(principal, {}, now);
  if (patch.name === undefined) return current;
  const updated = await repository.updateProfileName(principal.userId, patch.name, now.toISOString());
  return { ...(updated ?? current), role: principal.role };
}
