export * as Users from "./service";
export { profilePatchSchema, type UserProfile, type ProfilePatch } from "./schema";
