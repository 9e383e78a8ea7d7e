// Imported as a namespace (`import * as Users`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { profilePatchSchema, userPatchSchema, userIdParamSchema, userProfileSchema, userProfilesPageSchema, type UserProfile, type ProfilePatch, type UserPatch } from "./schema";
