import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { REGION } from "../stack/environment";

export interface FunctionConfig {
  name: string;
  memoryMb: number;
  timeoutMs: number;
}

/** A Lambda context object with the fields the Node runtime sets. */
export function lambdaContext(config: FunctionConfig, deadline: number): Context {
  const functionName = `emporium-local-${config.name}`;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
