export { consume, revokeBefore, revokeForever, limitKey } from "./bucket";
export { subjects, type Subject, type AttemptScope } from "./subject";
export { defaultLimits, limitsSchema, limitsValueSchema, type Limits, type Decision } from "./schema";
