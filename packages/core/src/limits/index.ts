export { consume, revokeBefore, limitKey } from "./bucket";
export { defaultLimits, limitsSchema, type Limits, type Decision } from "./schema";
