// Imported as a namespace (`import * as Users`), which lets bundlers drop what a handler does not call.
export * from "./service";
export { profilePatchSchema, type UserProfile, type ProfilePatch } from "./schema";
