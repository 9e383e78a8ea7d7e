export { startStack, type InterruptibleEmulator, type Stack, type StackOptions } from "./start";
export { signIn, signInWith, type Tokens } from "./tokens";
export { functionEnvironment, APP, REGION } from "./environment";
export { ensurePoolUser, type PoolUser } from "./pool-users";
