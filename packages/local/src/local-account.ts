/**
 * The one AWS account the offline stack plays, in one region: every emulator client and every
 * ARN the runtime makes uses these, as resources of one deployed stage share theirs.
 */
export const LOCAL_REGION = "us-east-1";

/** The account id the emulators report (DynamoDB Local, fauxqs and kinesis-local all use it). */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** A function's ARN in this account: Lambda's side, which no emulator serves, named as AWS names it. */
export function functionArn(region: string, functionName: string): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** The emulators accept any credentials; clients still sign their requests, as the SDK always does. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
