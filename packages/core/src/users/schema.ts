import * as v from "valibot";
import type { Role } from "../auth";
import { notFoundMessage } from "../validation";

export interface UserProfile {
  id: string;
  /** The user's name in the pool, which administrative pool calls address. */
  username: string;
  email: string | null;
  name: string | null;
  role: Role;
  /** Set when an administrator deleted the user: the profile is anonymised, orders stay. */
  deletedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const nameSchema = v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxCodePoints(200)));

/** The only fields a user may change on their own profile; ids, e-mail and role are not among them. */
export const profilePatchSchema = v.strictObject({
  name: v.optional(nameSchema),
});
export type ProfilePatch = v.InferOutput<typeof profilePatchSchema>;

/** What an administrator may change on someone's profile. */
export const userPatchSchema = v.strictObject({
  name: v.optional(nameSchema),
  role: v.optional(v.picklist(["admin", "customer"], "must be admin or customer")),
});
export type UserPatch = v.InferOutput<typeof userPatchSchema>;

/** A user id in a path: users are known by their Cognito `sub`, a UUID. */
export const userIdParamSchema = v.pipe(v.string(notFoundMessage("user")), v.uuid(notFoundMessage("user")));
