export { startLambdaApi, type LambdaApi } from "./server";
export { newCredentials, signedInvocation, verify, type Credentials } from "./signing";
