import type { ScheduleName } from "@emporium/functions/manifest";
import { signedInvocation } from "@emporium/local/lambda-api";
import { scheduledEvent } from "@emporium/local/schedules";
import { offlineStack } from "./target";
import { LOCAL_REGION } from "../../packages/local/src/local-account";

/**
 * Fires a scheduled function now, through the offline runtime's Lambda Invoke API, with the
 * event EventBridge would send for a firing scheduled at `time` (the function's clock). Signed
 * with the run's own credentials, as the Lambda API requires.
 */
export async function fireSchedule(name: ScheduleName, time: Date): Promise<any> {
  const event = scheduledEvent({ name }, time, LOCAL_REGION);
  const { endpoints, lambdaCredentials } = offlineStack("Firing a schedule through the offline Lambda API");
  const { url, init } = await signedInvocation(endpoints.lambda, name, event, lambdaCredentials);
  const response = await fetch(url, init);
  const text = await response.text();
  if (response.status !== 200 || response.headers.get("x-amz-function-error")) throw new Error(`${name} failed (${response.status}): ${text}`);
  return JSON.parse(text);
}
