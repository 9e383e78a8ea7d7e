import { canaryFunctions } from "./api";
import { canary } from "./canary";
import { apiErrorRate, apiLatency } from "./monitoring";

/**
 * Production's canary releases: CodeDeploy shifts each API function's `live` alias
 * (infra/canary.ts) to the version a deploy published, 10% of traffic first, then all of it,
 * and moves it back by itself when the API's 5xx-rate or latency alarm fires meanwhile.
 * Deployments are started after `sst deploy` by scripts/canary.ts, one per function whose
 * published version is not live yet. One deployment group per function: a group runs one
 * deployment at a time, and the functions changed by one deploy are released side by side.
 * CodeDeploy charges nothing for Lambda deployments.
 */
export const releaseApplication = canary ? new aws.codedeploy.Application("Release", { computePlatform: "Lambda" }) : undefined;

/** CodeDeploy's own role: AWS's managed policy lets it read and update aliases and read alarms. */
const releaseRole = canary
  ? new aws.iam.Role("ReleaseRole", {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"],
    })
  : undefined;

const deploymentConfig = canary?.deploymentConfig;

export const releaseGroups = deploymentConfig
  ? canaryFunctions.map(({ name, functionName, version, alias }) => ({
      name,
      functionName,
      alias: alias.name,
      version,
      group: new aws.codedeploy.DeploymentGroup(`Release${name}`, {
        appName: releaseApplication!.name,
        deploymentGroupName: name,
        serviceRoleArn: releaseRole!.arn,
        deploymentConfigName: deploymentConfig,
        // Lambda deployments are always blue/green with traffic control (alias weights).
        deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
        alarmConfiguration: { enabled: true, alarms: [apiErrorRate.name, apiLatency.name] },
        autoRollbackConfiguration: { enabled: true, events: ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"] },
      }),
    }))
  : [];

/**
 * What scripts/canary.ts reads from `.sst/outputs.json` after the deploy: per function, where
 * its alias is to go and which deployment group takes it there.
 */
export const releaseOutput = releaseApplication
  ? {
      application: releaseApplication.name,
      functions: releaseGroups.map(({ name, functionName, alias, version, group }) => ({
        name,
        functionName,
        alias,
        version,
        deploymentGroup: group.deploymentGroupName,
      })),
    }
  : undefined;
