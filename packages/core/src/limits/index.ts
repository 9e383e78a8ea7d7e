export { consume, revokeBefore, revokeForever, limitKey } from "./bucket";
export { defaultLimits, limitsSchema, type Limits, type Decision } from "./schema";
