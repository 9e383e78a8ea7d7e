/*
 * ARNs of the Lambda side of a mapping, which no emulator serves. The account is the one every
 * emulator here reports (DynamoDB Local, fauxqs and kinesis-local all use 000000000000).
 */
const ACCOUNT = "000000000000";

export function functionArn(region: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${ACCOUNT}:function:${functionName}`;
}

/** The execution role Lambda reads a Kinesis stream with (the records' invokeIdentityArn). */
export function executionRoleArn(functionName: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${functionName}-role`;
}
