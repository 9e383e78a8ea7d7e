import * as v from "valibot";
import type { Role } from "../auth";

export interface UserProfile {
  id: string;
  email: string | null;
  name: string | null;
  role: Role;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The only fields a user may change on their own profile; ids, e-mail and role are not among them. */
export const profilePatchSchema = v.strictObject({
  name: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(200)))),
});
export type ProfilePatch = v.InferOutput<typeof profilePatchSchema>;
