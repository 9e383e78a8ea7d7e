/**
 * Releases production's API functions after `sst deploy`: for each function whose newly
 * published version is not yet behind its `live` alias, starts a CodeDeploy deployment (the
 * deployment group, infra/release.ts, says how: 10% for 10 minutes, then all, back on alarm)
 * and waits for all of them. Exits non-zero when any is stopped or rolled back, so the deploy
 * job fails visibly. Reads what to release from `.sst/outputs.json` (the `release` output,
 * production only); calls AWS through the `aws` CLI with the job's credentials.
 *
 *   bun scripts/canary.ts [path/to/outputs.json]
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface ReleasedFunction {
  /** The manifest's function name. */
  name: string;
  functionName: string;
  alias: string;
  /** The version `sst deploy` published: where the alias is to go. */
  version: string;
  deploymentGroup: string;
}

export interface ReleaseOutput {
  application: string;
  functions: ReleasedFunction[];
}

export interface Release extends ReleasedFunction {
  /** The version the alias points at now. */
  from: string;
}

/** Functions whose alias is not at the published version yet; the others have nothing to release. */
export function plan(output: ReleaseOutput, live: Record<string, string>): Release[] {
  return output.functions.flatMap((fn) => {
    const from = live[fn.functionName];
    if (from === undefined) throw new Error(`no live version known for ${fn.functionName}`);
    return from === fn.version ? [] : [{ ...fn, from }];
  });
}

/**
 * The AppSpec of one Lambda deployment: move `alias` from `from` to `version`. YAML, because
 * CodeDeploy wants `version: 0.0` and JSON has no way to write that number; the values are
 * written as JSON strings, which YAML reads as they are.
 */
export function appSpec(release: Release): string {
  const q = JSON.stringify;
  return [
    "version: 0.0",
    "Resources:",
    `  - ${release.name}:`,
    "      Type: AWS::Lambda::Function",
    "      Properties:",
    `        Name: ${q(release.functionName)}`,
    `        Alias: ${q(release.alias)}`,
    `        CurrentVersion: ${q(release.from)}`,
    `        TargetVersion: ${q(release.version)}`,
    "",
  ].join("\n");
}

/** The request `aws deploy create-deployment --cli-input-json` takes for one release. */
export function deploymentRequest(application: string, release: Release) {
  return {
    applicationName: application,
    deploymentGroupName: release.deploymentGroup,
    description: `${release.name}: version ${release.from} to ${release.version}`,
    revision: { revisionType: "AppSpecContent", appSpecContent: { content: appSpec(release) } },
  };
}

/** The command that puts a function back on the version it ran before this release. */
export function rollbackCommand(release: Release, region: string): string {
  return `aws lambda update-alias --region ${region} --function-name ${release.functionName} --name ${release.alias} --function-version ${release.from}`;
}

/** The job summary: what moved, the deployment to watch, and how to undo it by hand. */
export function summary(releases: readonly (Release & { deploymentId: string })[], region: string): string {
  if (releases.length === 0) return "### Canary release\n\nNo API function changed: nothing to release.\n";
  const rows = releases.map((r) => `| ${r.name} | ${r.from} | ${r.version} | \`${r.deploymentId}\` |`);
  const undo = releases.map((r) => rollbackCommand(r, region));
  return [
    "### Canary release",
    "",
    "| Function | From version | To version | CodeDeploy deployment |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    "Roll back by hand (README, \"Releasing\"):",
    "",
    "```sh",
    ...undo,
    "```",
    "",
  ].join("\n");
}

function aws(args: string[]): string {
  return execFileSync("aws", args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
}

function main() {
  const region = process.env.AWS_REGION ?? "eu-west-1";
  const outputs = JSON.parse(readFileSync(process.argv[2] ?? ".sst/outputs.json", "utf8")) as { release?: ReleaseOutput };
  const output = outputs.release;
  if (!output) throw new Error("the deploy's outputs have no `release`: only production releases as a canary");

  const live = Object.fromEntries(
    output.functions.map((fn) => [
      fn.functionName,
      aws(["lambda", "get-alias", "--region", region, "--function-name", fn.functionName, "--name", fn.alias, "--query", "FunctionVersion", "--output", "text"]),
    ]),
  );
  const started = plan(output, live).map((release) => {
    const request = JSON.stringify(deploymentRequest(output.application, release));
    const deploymentId = aws(["deploy", "create-deployment", "--region", region, "--cli-input-json", request, "--query", "deploymentId", "--output", "text"]);
    console.log(`${release.name}: ${release.from} → ${release.version}, deployment ${deploymentId}`);
    return { ...release, deploymentId };
  });
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary(started, region));

  // The deployments run side by side in CodeDeploy; waiting on them one after the other takes
  // as long as the slowest. The waiter fails as soon as its deployment fails or is stopped.
  const failed = started.filter((release) => {
    try {
      aws(["deploy", "wait", "deployment-successful", "--region", region, "--deployment-id", release.deploymentId]);
      return false;
    } catch {
      const status = aws(["deploy", "get-deployment", "--region", region, "--deployment-id", release.deploymentId, "--query", "deploymentInfo.[status,errorInformation.message]", "--output", "text"]);
      console.error(`${release.name}: deployment ${release.deploymentId} did not succeed: ${status}`);
      return true;
    }
  });
  if (failed.length > 0) {
    console.error(`${failed.length} of ${started.length} releases failed or rolled back: ${failed.map((r) => r.name).join(", ")}`);
    process.exit(1);
  }
  console.log(started.length === 0 ? "No API function changed: nothing to release." : `Released ${started.length} functions.`);
}

// Run as a script, not when a test imports it.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
