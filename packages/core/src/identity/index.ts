// Imported as a namespace (`import * as Identity`), which lets bundlers drop what a handler does not call.
export * from "./accounts";
export * from "./schema";
export * from "./directory";
export { userGroups, passwordPolicy, passwordSchema, emailSchema, refreshTokenValidityDays } from "./policy";
export { revokeSessions, signOutEverywhere, endAllSessions } from "./sessions";
export { attemptLimits, spendAttempt, type GuardedFlow, type AttemptDecision } from "./attempts";
