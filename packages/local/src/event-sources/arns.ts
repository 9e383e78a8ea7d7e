import { LOCAL_ACCOUNT_ID } from "../local-account";

/* ARNs of the Lambda side of a mapping, which no emulator serves, in the local account. */
const ACCOUNT = LOCAL_ACCOUNT_ID;

export function functionArn(region: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${ACCOUNT}:function:${functionName}`;
}

/** The execution role Lambda reads a Kinesis stream with (the records' invokeIdentityArn). */
export function executionRoleArn(functionName: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${functionName}-role`;
}
