import type { Principal, Role } from "../auth";
import { NotFoundError, PreconditionFailedError, UnauthenticatedError } from "../errors";
import * as Identity from "../identity";
import { revokeForever, subjects } from "../limits";
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from "../pagination";
import * as repository from "./repository";
import type { ProfilePatch, UserPatch, UserProfile } from "./schema";

const staleProfile = (id: string) => new PreconditionFailedError(`Profile ${id} changed; fetch it again and reapply your change.`);

/** With If-Match, a profile that has moved on is refused (412) before anything is written. */
function checkVersion(profile: UserProfile, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== profile.version) throw staleProfile(profile.id);
}

export interface ProfileSeed {
  email?: string | null;
  name?: string | null;
}

/**
 * A profile for `principal`, created on first sight (the post-confirmation trigger creates it
 * earlier, with the e-mail address, for users who sign up through the API). A profile that
 * exists is kept as it is.
 */
export async function ensure(principal: Principal, seed?: ProfileSeed, now = new Date()): Promise<UserProfile> {
  // Without a seed (every GET /me) the profile is nearly always there: read first. With one (the
  // post-confirmation trigger, the development seed) the user is new: write first, and read
  // only when a profile was there after all.
  if (!seed) {
    const existing = await repository.getProfile(principal.userId);
    if (existing) return existing;
  }
  const timestamp = now.toISOString();
  const profile: UserProfile = {
    id: principal.userId,
    username: principal.username,
    email: seed?.email ?? null,
    name: seed?.name ?? null,
    role: principal.role,
    deletedAt: null,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
  if (await repository.insertProfile(profile)) return profile;
  return (await repository.getProfile(principal.userId))!; // there already, or created concurrently: read it
}

/** The caller's own profile. Tokens are the authority on the role. */
export async function me(principal: Principal): Promise<UserProfile> {
  const profile = await ensure(principal);
  if (profile.deletedAt) throw new UnauthenticatedError("This account has been deleted.");
  return { ...profile, role: principal.role };
}

export async function updateMe(principal: Principal, patch: ProfilePatch, now = new Date(), expectedVersion?: number): Promise<UserProfile> {
  const current = await me(principal);
  checkVersion(current, expectedVersion);
  if (patch.name === undefined) return current;
  const updated = await repository.updateProfile(principal.userId, { name: patch.name }, now.toISOString(), expectedVersion);
  if (!updated && expectedVersion !== undefined) throw staleProfile(current.id);
  if (!updated) throw new UnauthenticatedError("This account has been deleted.");
  return { ...updated, role: principal.role };
}

export async function list(limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<UserProfile>> {
  const page = await repository.listProfiles(limit, decodeCursor("users", cursor));
  return { items: page.items, cursor: encodeCursor("users", page.lastKey) };
}

/** A profile by id, or undefined (for consumers, which act for no one in particular). */
export async function find(id: string): Promise<UserProfile | undefined> {
  return repository.getProfile(id);
}

export async function get(id: string): Promise<UserProfile> {
  const profile = await repository.getProfile(id);
  if (!profile) throw new NotFoundError(`User ${id} does not exist.`);
  return profile;
}

/**
 * Renames a user or changes their role. A role change ends every session they hold, in an order
 * where a failure at any step leaves no old token usable with either role:
 * 1. the revoke-before marker: every token issued so far is refused from here on;
 * 2. the pool group moves;
 * 3. the marker again: a sign-in between 1 and 2 got a token with the old role;
 * 4. the pool's global sign-out: no refresh token of theirs mints another token;
 * 5. the profile records the role.
 * A failure is a 5xx and the admin retries; each step is idempotent.
 */
export async function update(id: string, patch: UserPatch, now = new Date(), expectedVersion?: number): Promise<UserProfile> {
  const current = await get(id);
  if (current.deletedAt) throw new NotFoundError(`User ${id} does not exist.`);
  checkVersion(current, expectedVersion);
  const roleChanges = patch.role !== undefined && patch.role !== current.role;
  if (roleChanges) {
    await Identity.revokeSessions(id);
    await Identity.setRole(current.username, patch.role as Role);
    await Identity.revokeSessions(id);
    await Identity.signOutEverywhere(current.username);
  }
  const updated = await repository.updateProfile(id, { name: patch.name, role: patch.role }, now.toISOString(), expectedVersion);
  if (!updated && expectedVersion !== undefined) throw staleProfile(id);
  if (!updated) throw new NotFoundError(`User ${id} does not exist.`);
  return updated;
}

/**
 * Deletes a user: disables them in the pool, refuses all their tokens and anonymises the profile.
 * Their orders stay, for accounting.
 */
export async function remove(id: string, now = new Date()): Promise<void> {
  const current = await get(id);
  if (current.deletedAt) throw new NotFoundError(`User ${id} does not exist.`);
  await Identity.disable(current.username);
  // Every token refused from now on, even one the pool still issues (cognito-local does not
  // refuse disabled users at sign-in; Cognito does).
  await revokeForever(subjects.user(id));
  await repository.updateProfile(id, { email: null, name: null, deletedAt: now.toISOString() }, now.toISOString());
}
