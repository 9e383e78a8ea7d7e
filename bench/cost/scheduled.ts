/** Scheduled functions as operations: each run fires the function once, as EventBridge would. */
import { signedInvocation } from "../../packages/local/src/lambda-api";
import { scheduledEvent } from "../../packages/local/src/schedules";
import type { Stack } from "../../packages/local/src/stack";
import type { Operation } from "./operations";

export function scheduledOperation(stack: Stack, name: string): Operation {
  return {
    name,
    what: `${name}, fired by its schedule`,
    routeFunction: name,
    edgeCacheable: false,
    pipeline: false,
    scheduled: true,
    run: async () => {
      const event = scheduledEvent({ name }, new Date(), "us-east-1");
      const { url, init } = await signedInvocation(stack.endpoints.lambda, name, event, stack.lambdaCredentials);
      const response = await fetch(url, init);
      const text = await response.text();
      if (response.status !== 200 || response.headers.get("x-amz-function-error")) throw new Error(`${name} failed (${response.status}): ${text}`);
      return undefined;
    },
  };
}
