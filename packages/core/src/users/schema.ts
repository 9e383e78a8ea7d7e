import * as v from "valibot";
import { pageSchema } from "../pagination";
import { notFoundMessage, timestampSchema } from "../validation";

export const userProfileSchema = v.object({
  id: v.string(),
  /** The user's name in the pool, which administrative pool calls address. */
  username: v.string(),
  email: v.nullable(v.string()),
  name: v.nullable(v.string()),
  role: v.picklist(["admin", "customer"]),
  /** Set when an administrator deleted the user: the profile is anonymised, orders stay. */
  deletedAt: v.nullable(timestampSchema),
  version: v.pipe(v.number(), v.integer()),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type UserProfile = v.InferOutput<typeof userProfileSchema>;
export const userProfilesPageSchema = pageSchema(userProfileSchema);

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
