import { LOCAL_ACCOUNT_ID } from "../local-account";

export { functionArn } from "../local-account";

/** The execution role Lambda reads a Kinesis stream with (the records' invokeIdentityArn), in the local account. */
export function executionRoleArn(functionName: string): string {
  return `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${functionName}-role`;
}
