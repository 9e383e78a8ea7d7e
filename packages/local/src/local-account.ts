/**
 * The one AWS account the offline stack plays, in one region: every emulator client and every
 * ARN the runtime makes uses these, as resources of one deployed stage share theirs.
 */
export const LOCAL_REGION = "us-east-1";

/** The account id the emulators report (DynamoDB Local, fauxqs and kinesis-local all use it). */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** The emulators accept any credentials; clients still sign their requests, as the SDK always does. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" } as const;
