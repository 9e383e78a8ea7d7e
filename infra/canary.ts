import { capacity, provisionedConcurrency } from "./config";

/**
 * Production's API functions are invoked through an alias, never through their newest version:
 * `sst deploy` publishes a version, and the alias stays where it was until a CodeDeploy
 * deployment (infra/release.ts, started by scripts/canary.ts) shifts traffic to it step by step.
 * Pulumi creates the alias once, then leaves its version and weights to CodeDeploy.
 */
export interface CanaryFunction {
  /** The manifest's function name. */
  name: string;
  fn: sst.aws.Function;
  /** The function's name and the version this deploy published, in clear (see below). */
  functionName: $util.Output<string>;
  version: $util.Output<string>;
  alias: aws.lambda.Alias;
}

/** The stage's canary settings; none under `sst dev`, whose functions are stubs relaying to a laptop. */
export const canary = $dev ? undefined : capacity.canary;

/** An API function as a route or the authorizer takes it, and its canary release where there is one. */
export interface ApiHandler {
  /**
   * What the route or authorizer invokes: in production the `live` alias's ARN (the route's
   * invoke permission then names the alias as qualifier); elsewhere the function args, which
   * SST turns into the route's own function, invoked unqualified.
   */
  target: sst.aws.FunctionArgs | $util.Output<string>;
  /** Production only: the published function and its alias, for infra/release.ts. */
  release?: CanaryFunction;
}

/**
 * An API function, released as a canary where the stage has canary settings.
 * `logicalName` is the name SST itself would give the function, so the two stay alike.
 */
export function releasedHandler(logicalName: string, name: string, args: sst.aws.FunctionArgs, warm = false): ApiHandler {
  if (!canary) return { target: args };
  const fn = new sst.aws.Function(logicalName, { ...args, versioning: true });
  // SST builds the function inside an apply over its links, which hold secrets, so Pulumi marks
  // everything read from it secret. A name, an ARN or a version is no secret: unmarked, they
  // show in diffs, and the deploy outputs (.sst/outputs.json) give the release step plain values.
  const functionName = $util.unsecret(fn.name);
  const version = $util.unsecret(fn.nodes.function.version);
  const alias = new aws.lambda.Alias(
    `${logicalName}Live`,
    { functionName, name: canary.alias, functionVersion: version },
    { ignoreChanges: ["functionVersion", "routingConfig"] },
  );
  // Warm instances belong to the alias, so they follow it through a release; on a version (SST's
  // way), the version still serving would lose them the moment a deploy publishes a new one.
  if (warm && provisionedConcurrency > 0) {
    new aws.lambda.ProvisionedConcurrencyConfig(`${logicalName}Provisioned`, {
      functionName,
      qualifier: alias.name,
      provisionedConcurrentExecutions: provisionedConcurrency,
    });
  }
  return { target: $util.unsecret($interpolate`${fn.arn}:${alias.name}`), release: { name, fn, functionName, version, alias } };
}
