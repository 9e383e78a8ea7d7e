/**
 * One warm "execution environment" of a function: a worker thread that imports the bundle once
 * (its cold start) and runs invocations posted by the host. Its environment is the function's
 * own (only the resources it links), as on Lambda.
 */
import { parentPort, workerData } from "node:worker_threads";
import { randomUUID } from "node:crypto";
import { LOCAL_ACCOUNT_ID } from "../local-account";

interface Invocation {
  id: number;
  event: unknown;
  deadline: number;
}

const { url, exportName, config } = workerData as {
  url: string;
  exportName: string;
  config: { functionName: string; memoryMb: number; region: string };
};

const loaded = import(url).then((module) => {
  const handler = module[exportName];
  if (typeof handler !== "function") throw new Error(`${url} does not export a function named ${exportName}`);
  return handler as (event: unknown, context: unknown) => Promise<unknown>;
});

parentPort!.on("message", async ({ id, event, deadline }: Invocation) => {
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: config.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${config.region}:${LOCAL_ACCOUNT_ID}:function:${config.functionName}`,
    memoryLimitInMB: String(config.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${config.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const handler = await loaded;
    const result = await handler(event, context);
    parentPort!.postMessage({ id, result: result === undefined ? undefined : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id, error: { errorType: failure.name, errorMessage: failure.message, stack: failure.stack } });
  }
});
