/**
 * The infra graph: the real program (sst.config.ts → infra/*) run offline under Pulumi mocks for
 * a personal, a preview and the production stage, checked against the manifest. See
 * graph-harness.ts for how the program is bundled and run the way the SST CLI does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiKeyAuthorizer,
  buckets,
  consumers,
  defaults,
  functionSpecs,
  kinesisStreams,
  queues,
  routeEntries,
  schedules,
  type ConsumerSpec,
  type FunctionSpec,
  type Link,
  type QueueSpec,
  uploads,
  webApiBasePath,
} from "../../packages/functions/src/manifest";
import { stageCapacity } from "../../infra/settings";
import { linkedResources, renderSstEnv } from "../../scripts/sst-env";
import { deployEnv, infraProgramError, runInfraProgram, type MockedResource, type StageGraph } from "./graph-harness";
import { everyFunction, roleRequirements, sourceRequirement, type Integration, type Requirement } from "./role-requirements";
import { webOrigin } from "./web-origin";

const stages = ["alice", "pr-42", "production"] as const;
let graphs: Record<string, StageGraph>;
/** Production deployed without an on-call address: the error the program stops with. */
let productionWithoutOncall: string | undefined;

beforeAll(async () => {
  const { EMPORIUM_ONCALL_EMAIL: _, ...withoutOncall } = deployEnv.production;
  [graphs, productionWithoutOncall] = await Promise.all([runInfraProgram(stages), infraProgramError("production", withoutOncall)]);
}, 180_000);

const ofType = (g: StageGraph, type: string) => g.resources.filter((r) => r.type === type);
function named(g: StageGraph, type: string, name: string): MockedResource {
  const found = g.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name} in stage ${g.app.stage}`);
  return found;
}

/** The physical resource each link name grants IAM access to (none for secrets and the client). */
const linkResource: Partial<Record<Link, [type: string, name: string]>> = {
  Table: ["aws:dynamodb/table:Table", "TableTable"],
  Idempotency: ["aws:dynamodb/table:Table", "IdempotencyTable"],
  UserPool: ["aws:cognito/userPool:UserPool", "UserPoolUserPool"],
  OrderEvents: ["aws:sns/topic:Topic", "OrderEventsTopic"],
  Analytics: ["aws:kinesis/stream:Stream", "AnalyticsStream"],
  Exports: ["aws:s3/bucket:Bucket", "ExportsBucket"],
  Uploads: ["aws:s3/bucket:Bucket", "UploadsBucket"],
  ...Object.fromEntries(Object.keys(queues).map((q) => [q, ["aws:sqs/queue:Queue", `${q}Queue`]])),
};

/** Every manifest function, by its handler (unique), with the permissions it adds beyond links. */
const manifestFunctions: FunctionSpec[] = functionSpecs();

describe.each(stages)("infra graph, stage %s", (stage) => {
  const g = () => graphs[stage]!;

  it("runs the whole program offline", () => {
    expect(g().app.stage).toBe(stage);
    expect(ofType(g(), "aws:lambda/function:Function")).toHaveLength(manifestFunctions.length);
    const tokens = new Set(g().calls.map((c) => c.token));
    for (const token of ["aws:index/getRegion:getRegion", "aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition"]) {
      expect(tokens.has(token), token).toBe(true);
    }
    expect(g().outputs).toEqual(expect.objectContaining({ api: expect.any(String), table: expect.any(String) }));
  });

  it("deploys every function at the memory size of its manifest entry (sized from `bun run cost`'s measurements)", () => {
    const byHandler = functionsByHandler(g());
    for (const spec of manifestFunctions) {
      expect(byHandler.get(spec.handler)?.inputs.memorySize, spec.name).toBe(parseInt(spec.memory ?? defaults.memory, 10));
    }
  });

  it("has every manifest route with its authorizer", () => {
    const apiRoutes = ofType(g(), "aws:apigatewayv2/route:Route");
    const authorizers = ofType(g(), "aws:apigatewayv2/authorizer:Authorizer");
    const jwt = authorizers.filter((a) => a.inputs.authorizerType === "JWT");
    const lambda = authorizers.filter((a) => a.inputs.authorizerType === "REQUEST");
    expect(jwt).toHaveLength(1);
    expect(lambda).toHaveLength(1);
    expect(lambda[0]!.inputs).toMatchObject({
      authorizerPayloadFormatVersion: "2.0",
      enableSimpleResponses: true,
      identitySources: [apiKeyAuthorizer.identitySource],
      authorizerResultTtlInSeconds: apiKeyAuthorizer.resultsTtlSeconds,
    });

    expect(apiRoutes.map((r) => r.inputs.routeKey).sort()).toEqual(routeEntries().map(([key]) => key).sort());
    for (const [routeKey, spec] of routeEntries()) {
      const route = apiRoutes.find((r) => r.inputs.routeKey === routeKey)!;
      const expected =
        spec.auth === "public"
          ? { authorizationType: "NONE" }
          : spec.auth === "apiKey"
            ? { authorizationType: "CUSTOM", authorizerId: lambda[0]!.state.id }
            : { authorizationType: "JWT", authorizerId: jwt[0]!.state.id };
      expect({ routeKey, ...route.inputs }, routeKey).toMatchObject({ routeKey, ...expected });
      if (spec.auth === "public") expect(route.inputs.authorizerId, routeKey).toBeUndefined();
    }
  });

  it("sets stage-wide throttling", () => {
    const [apiStage] = ofType(g(), "aws:apigatewayv2/stage:Stage");
    // Stage throttling, and per-route metrics (requests, 4xx, 5xx, latency by route).
    expect(apiStage!.inputs.defaultRouteSettings).toMatchObject({ throttlingBurstLimit: 2000, throttlingRateLimit: 1000, detailedMetricsEnabled: true });
  });

  it("maps every consumer with its batch settings and partial-failure reporting", () => {
    const mappings = ofType(g(), "aws:lambda/eventSourceMapping:EventSourceMapping");
    expect(mappings).toHaveLength(Object.keys(consumers).length);
    const functionArnByHandler = functionsByHandler(g());
    for (const [name, spec] of Object.entries(consumers as Record<string, ConsumerSpec>)) {
      const fn = functionArnByHandler.get(spec.handler)!;
      const mapping = mappings.find((m) => m.inputs.functionName === fn.state.arn);
      expect(mapping, name).toBeDefined();
      const source = spec.source;
      const sourceArn =
        source.kind === "sqs"
          ? named(g(), "aws:sqs/queue:Queue", `${source.queue}Queue`).state.arn
          : source.kind === "kinesis"
            ? named(g(), "aws:kinesis/stream:Stream", `${source.stream}Stream`).state.arn
            : expect.stringMatching(new RegExp(`table/${named(g(), "aws:dynamodb/table:Table", `${source.table}Table`).state.name}/stream/`));
      expect(mapping!.inputs, name).toMatchObject({
        eventSourceArn: sourceArn,
        batchSize: spec.batchSize,
        maximumBatchingWindowInSeconds: spec.batchingWindowSeconds ?? 0,
        functionResponseTypes: ["ReportBatchItemFailures"],
      });
      if (source.kind === "sqs") continue;
      expect(mapping!.inputs, name).toMatchObject({
        startingPosition: source.startingPosition,
        bisectBatchOnFunctionError: spec.bisectOnError ?? false,
        maximumRetryAttempts: spec.maximumRetryAttempts ?? -1,
      });
      if (spec.onFailure) {
        expect(mapping!.inputs.destinationConfig, name).toEqual({
          onFailure: { destinationArn: named(g(), "aws:sqs/queue:Queue", `${spec.onFailure}Queue`).state.arn },
        });
      } else {
        expect(mapping!.inputs.destinationConfig, name).toBeUndefined();
      }
      if (spec.filters) {
        expect(mapping!.inputs.filterCriteria, name).toEqual({ filters: spec.filters.map((f) => ({ pattern: JSON.stringify(f) })) });
      } else {
        expect(mapping!.inputs.filterCriteria, name).toBeUndefined();
      }
    }
  });

  it("wires every dead-letter queue, and dead-letters no queue feeding a Lambda before 5 receives", () => {
    // Lambda's poller receives for the function; a receive can fail without the function
    // failing (e.g. a throttled invoke), so fewer than 5 dead-letters healthy messages.
    const mappings = ofType(g(), "aws:lambda/eventSourceMapping:EventSourceMapping");
    const feedingLambda = Object.keys(queues).filter((name) =>
      mappings.some((m) => m.inputs.eventSourceArn === named(g(), "aws:sqs/queue:Queue", `${name}Queue`).state.arn),
    );
    expect(feedingLambda.sort()).toEqual(["ExportsQueue", "FulfilmentQueue", "NotificationsQueue"]);
    for (const name of feedingLambda) {
      const redrive = named(g(), "aws:sqs/queue:Queue", `${name}Queue`).inputs.redrivePolicy;
      expect(redrive, name).toBeDefined();
      expect(JSON.parse(redrive).maxReceiveCount, name).toBeGreaterThanOrEqual(5);
    }
    for (const [name, spec] of Object.entries(queues as Record<string, QueueSpec>)) {
      const queue = named(g(), "aws:sqs/queue:Queue", `${name}Queue`);
      expect(queue.inputs.visibilityTimeoutSeconds, name).toBe(spec.visibilityTimeoutSeconds);
      if (!spec.deadLetter) {
        expect(queue.inputs.redrivePolicy, name).toBeUndefined();
        continue;
      }
      const dlq = named(g(), "aws:sqs/queue:Queue", `${name}DlqQueue`);
      expect(JSON.parse(queue.inputs.redrivePolicy), name).toEqual({
        deadLetterTargetArn: dlq.state.arn,
        maxReceiveCount: spec.deadLetter.maxReceiveCount,
      });
      // The dead-letter queue's own settings are the manifest's, as the offline stack provisions them.
      expect(dlq.inputs.visibilityTimeoutSeconds, name).toBe(spec.deadLetter.visibilityTimeoutSeconds);
      expect(dlq.inputs.messageRetentionSeconds, name).toBe(spec.deadLetter.retentionSeconds);
      expect(dlq.inputs.redrivePolicy, name).toBeUndefined();
    }
  });

  it("retains and protects data in production only", () => {
    const production = stage === "production";
    expect(g().app.removal).toBe(production ? "retain" : "remove");
    expect(g().app.protect).toBe(production);
    const tables = ofType(g(), "aws:dynamodb/table:Table");
    expect(tables.map((t) => t.name).sort()).toEqual(["IdempotencyTable", "TableTable"]);
    for (const table of tables) {
      expect(table.inputs.pointInTimeRecovery, table.name).toEqual({ enabled: true });
      if (!production) expect(table.inputs.deletionProtectionEnabled ?? false, table.name).toBe(false);
    }
    if (production) expect(named(g(), "aws:dynamodb/table:Table", "TableTable").inputs.deletionProtectionEnabled).toBe(true);
    const [pool] = ofType(g(), "aws:cognito/userPool:UserPool");
    expect(pool!.inputs.deletionProtection).toBe(production ? "ACTIVE" : "INACTIVE");
  });

  it.runIf(stage === "production")("protects the Idempotency table from deletion in production", () => {
    expect(named(g(), "aws:dynamodb/table:Table", "IdempotencyTable").inputs.deletionProtectionEnabled).toBe(true);
  });

  it("gives each function exactly the links its manifest entry lists", () => {
    const byHandler = functionsByHandler(g());
    const builds = new Map(g().builds.map((b) => [b.handler, b]));
    for (const spec of manifestFunctions) {
      const fn = byHandler.get(spec.handler);
      expect(fn, spec.name).toBeDefined();
      // SST 4 passes only the App to the environment; links are encrypted into the bundle
      // (resource.enc, key in SST_KEY) from what Runtime.Build receives.
      const variables: Record<string, string> = fn!.inputs.environment?.variables ?? {};
      expect(Object.keys(variables).filter((k) => k.startsWith("SST_RESOURCE_")), spec.name).toEqual(["SST_RESOURCE_App"]);
      expect(JSON.parse(variables.SST_RESOURCE_App!)).toEqual({ name: "emporium", stage });
      const build = builds.get(spec.handler);
      expect(build, spec.name).toBeDefined();
      expect(Object.keys(build!.links).sort(), spec.name).toEqual([...spec.links].sort());
    }
  });

  it("runs each manifest schedule as a cron on its expression, and gives functions their stage settings", () => {
    const rules = ofType(g(), "aws:cloudwatch/eventRule:EventRule");
    const byHandler = functionsByHandler(g());
    for (const spec of Object.values(schedules)) {
      expect(rules.map((rule) => rule.inputs.scheduleExpression), spec.name).toContain(spec.schedule);
      expect(byHandler.get(spec.handler)?.inputs.environment?.variables?.ORDER_HOLD_MINUTES, spec.name).toBe("15");
    }
    // The harness configures a provider for production only; other stages get the simulator.
    const provider = byHandler.get(consumers.Fulfilment.handler)?.inputs.environment?.variables?.PAYMENT_PROVIDER;
    expect(provider).toBe(stage === "production" ? "card-acquirer" : "simulated");
  });

  it("takes a custom domain and provisioned concurrency from configuration in production only", () => {
    const production = stage === "production";
    const domains = ofType(g(), "aws:apigatewayv2/domainName:DomainName");
    expect(domains.map((domain) => domain.inputs.domainName)).toEqual(production ? ["api.emporium.test"] : []);
    const warm = routeEntries().filter(([, spec]) => spec.warm).map(([, spec]) => spec.name).sort();
    expect(warm.length).toBeGreaterThan(0);
    const provisioned = ofType(g(), "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig");
    expect(provisioned.length).toBe(production ? warm.length : 0);
    for (const config of provisioned) expect(config.inputs.provisionedConcurrentExecutions).toBe(3);
  });

  it("traces every function actively and alarms on 5xx rate, latency, throttles, every DLQ, every failure destination and stream lag", () => {
    const functions = ofType(g(), "aws:lambda/function:Function");
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(fn.inputs.tracingConfig, fn.name).toEqual({ mode: "Active" });
    const alarms = ofType(g(), "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.name).sort();
    const dlqs = Object.entries(queues).filter(([, spec]) => "deadLetter" in spec).map(([name]) => `Alarm${name}DlqDepth`);
    const streams = Object.values(consumers).filter((spec) => spec.source.kind !== "sqs").map((spec) => `Alarm${spec.name}IteratorAge`);
    const failureQueues = [...Object.values(consumers).flatMap((spec) => ("onFailure" in spec ? [`Alarm${spec.onFailure}Depth`] : [])), `Alarm${uploads.onFailure}Depth`];
    expect(alarms).toEqual(["AlarmApi5xxRate", "AlarmApiP99Latency", "AlarmLambdaThrottles", ...failureQueues, ...dlqs, ...streams].sort());
    // Previews have no dashboard (a fixed monthly charge nobody would look at); the other stages one.
    expect(ofType(g(), "aws:cloudwatch/dashboard:Dashboard")).toHaveLength(stage === "pr-42" ? 0 : 1);
  });

  it("runs Kinesis on-demand in production only, and on one provisioned shard elsewhere (no per-stream-hour charge)", () => {
    const streams = ofType(g(), "aws:kinesis/stream:Stream");
    expect(streams.map((stream) => stream.name).sort()).toEqual(Object.keys(kinesisStreams).map((name) => `${name}Stream`).sort());
    for (const stream of streams) {
      if (stage === "production") {
        expect(stream.inputs.streamModeDetails, stream.name).toEqual({ streamMode: "ON_DEMAND" });
        expect(stream.inputs.shardCount, stream.name).toBeUndefined();
      } else {
        expect(stream.inputs, stream.name).toMatchObject({ streamModeDetails: { streamMode: "PROVISIONED" }, shardCount: 1 });
      }
    }
  });

  it.runIf(stage !== "production")("provisions no per-hour capacity outside production: no provisioned concurrency, no on-demand stream", () => {
    expect(ofType(g(), "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")).toEqual([]);
    expect(ofType(g(), "aws:kinesis/stream:Stream").filter((stream) => stream.inputs.streamModeDetails?.streamMode !== "PROVISIONED")).toEqual([]);
    // No NAT gateway, VPC endpoint or other always-on network piece either.
    expect(g().resources.filter((r) => /^aws:ec2\/(natGateway|vpcEndpoint|instance)|^aws:rds\/|^aws:elasticache\//.test(r.type)).map((r) => r.type)).toEqual([]);
  });

  it("releases the API functions as canaries through a `live` alias and CodeDeploy in production, and nowhere else", () => {
    const aliases = ofType(g(), "aws:lambda/alias:Alias");
    const applications = ofType(g(), "aws:codedeploy/application:Application");
    const groups = ofType(g(), "aws:codedeploy/deploymentGroup:DeploymentGroup");
    const integrations = ofType(g(), "aws:apigatewayv2/integration:Integration");
    const apiRoutes = ofType(g(), "aws:apigatewayv2/route:Route");
    const byHandler = functionsByHandler(g());
    const released = [...routeEntries().map(([, spec]) => spec), apiKeyAuthorizer];
    const integrationOf = (routeKey: string) => {
      const route = apiRoutes.find((r) => r.inputs.routeKey === routeKey)!;
      return integrations.find((i) => route.inputs.target === `integrations/${i.state.id}`)!;
    };

    if (stage !== "production") {
      expect(stageCapacity(stage).canary).toBeUndefined();
      expect(aliases).toEqual([]);
      expect(applications).toEqual([]);
      expect(groups).toEqual([]);
      expect(g().outputs.release).toBeUndefined();
      for (const fn of ofType(g(), "aws:lambda/function:Function")) expect(fn.inputs.publish ?? false, fn.name).toBe(false);
      // Routes invoke their function itself, unqualified.
      for (const [routeKey, spec] of routeEntries()) expect(plain(integrationOf(routeKey).inputs.integrationUri), routeKey).toBe(byHandler.get(spec.handler)!.state.arn);
      return;
    }

    expect(applications).toHaveLength(1);
    expect(applications[0]!.inputs.computePlatform).toBe("Lambda");
    expect(aliases).toHaveLength(released.length);
    expect(groups).toHaveLength(released.length);
    const role = ofType(g(), "aws:iam/role:Role").find((r) => r.state.arn === groups[0]!.inputs.serviceRoleArn)!;
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "codedeploy.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    expect(role.inputs.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRoleForLambda"]);
    const alarmNames = ["AlarmApi5xxRate", "AlarmApiP99Latency"].map((name) => named(g(), "aws:cloudwatch/metricAlarm:MetricAlarm", name).state.name);
    const permissions = ofType(g(), "aws:lambda/permission:Permission");

    for (const spec of released) {
      const fn = byHandler.get(spec.handler)!;
      // Every deploy publishes a version; the alias starts on the first and CodeDeploy moves it after.
      expect(fn.inputs.publish, spec.name).toBe(true);
      const alias = aliases.find((a) => a.inputs.functionName === fn.state.name)!;
      expect(alias?.inputs, spec.name).toMatchObject({ name: "live", functionVersion: "1" });
      expect(alias.state.arn, spec.name).toBe(`${fn.state.arn}:live`);
      // Pulumi leaves the alias's version and weights to CodeDeploy: otherwise every deploy would
      // move all traffic to the new version at once, and undo a release's weights.
      const ignored = g().ignoreChanges.find((entry) => entry.type === alias.type && entry.name === alias.name);
      expect(ignored?.ignoreChanges, spec.name).toEqual(expect.arrayContaining(["functionVersion", "routingConfig"]));
      // API Gateway's invoke permission names the alias, the qualifier it invokes.
      const invoke = permissions.filter((p) => plain(p.inputs.function) === fn.state.arn && p.inputs.principal === "apigateway.amazonaws.com");
      expect(invoke.map((p) => p.inputs.qualifier), spec.name).toEqual(["live"]);
      const group = groups.find((candidate) => candidate.inputs.deploymentGroupName === spec.name)!;
      expect(group?.inputs, spec.name).toMatchObject({
        appName: applications[0]!.state.name,
        deploymentConfigName: "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        deploymentStyle: { deploymentType: "BLUE_GREEN", deploymentOption: "WITH_TRAFFIC_CONTROL" },
        alarmConfiguration: { enabled: true, alarms: alarmNames },
        autoRollbackConfiguration: { enabled: true, events: expect.arrayContaining(["DEPLOYMENT_STOP_ON_ALARM", "DEPLOYMENT_FAILURE"]) },
      });
    }
    // The canary only matters if the API invokes the alias: every route, and the key authorizer.
    for (const [routeKey, spec] of routeEntries()) {
      expect(integrationOf(routeKey).inputs.integrationUri, routeKey).toBe(`${byHandler.get(spec.handler)!.state.arn}:live`);
    }
    const [keyAuthorizer] = ofType(g(), "aws:apigatewayv2/authorizer:Authorizer").filter((a) => a.inputs.authorizerType === "REQUEST");
    expect(keyAuthorizer!.inputs.authorizerUri).toContain(`/functions/${byHandler.get(apiKeyAuthorizer.handler)!.state.arn}:live/invocations`);
    // Warm instances sit on the alias, so they follow it through a release.
    for (const config of ofType(g(), "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig")) expect(config.inputs.qualifier, config.name).toBe("live");
    // What scripts/canary.ts reads after the deploy.
    const release = g().outputs.release as { application: string; functions: { name: string }[] };
    expect(release.application).toBe(applications[0]!.state.name);
    expect([...release.functions].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      released.map((spec) => ({
        name: spec.name,
        functionName: byHandler.get(spec.handler)!.state.name,
        alias: "live",
        version: "1",
        deploymentGroup: spec.name,
      })).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it("gives every stream mapping an on-failure queue and alarms on its depth (events no consumer processed)", () => {
    const alarms = ofType(g(), "aws:cloudwatch/metricAlarm:MetricAlarm");
    const topic = named(g(), "aws:sns/topic:Topic", "AlarmsTopic").state.arn;
    // A stream batch whose retries are spent is skipped: without a destination nothing says so.
    const streamMappings = ofType(g(), "aws:lambda/eventSourceMapping:EventSourceMapping").filter((m) => !String(m.inputs.eventSourceArn).startsWith("arn:aws:sqs:"));
    expect(streamMappings).toHaveLength(Object.values(consumers).filter((spec) => spec.source.kind !== "sqs").length);
    const destinations = streamMappings.map((m) => m.inputs.destinationConfig?.onFailure?.destinationArn);
    for (const [index, arn] of destinations.entries()) expect(arn, streamMappings[index]!.name).toBeDefined();
    for (const arn of destinations) {
      const queue = ofType(g(), "aws:sqs/queue:Queue").find((q) => q.state.arn === arn)!;
      const alarm = alarms.find((a) => a.inputs.namespace === "AWS/SQS" && a.inputs.dimensions?.QueueName === queue.state.name);
      expect(alarm, queue.name).toBeDefined();
      expect(alarm!.inputs, queue.name).toMatchObject({ metricName: "ApproximateNumberOfMessagesVisible", threshold: 0, comparisonOperator: "GreaterThanThreshold", alarmActions: [topic] });
    }
  });

  it("e-mails the alarms to the on-call address: always in production, elsewhere when one is set", () => {
    const topic = named(g(), "aws:sns/topic:Topic", "AlarmsTopic").state.arn;
    const subscriptions = ofType(g(), "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === topic);
    const expected = stage === "production" ? [deployEnv.production.EMPORIUM_ONCALL_EMAIL] : stage === "pr-42" ? [deployEnv["pr-42"].EMPORIUM_ONCALL_EMAIL] : [];
    expect(subscriptions.map((s) => ({ protocol: s.inputs.protocol, endpoint: s.inputs.endpoint }))).toEqual(expected.map((endpoint) => ({ protocol: "email", endpoint })));
  });

  it("pins the region every stage deploys to", () => {
    expect(g().app.providers).toMatchObject({ aws: { region: "eu-west-1" } });
  });

  it("creates an SES identity in production only; other stages send from a pre-verified one", () => {
    const identities = ofType(g(), "aws:sesv2/emailIdentity:EmailIdentity");
    const sender = stage === "production" ? deployEnv.production.EMPORIUM_EMAIL_SENDER : deployEnv.other.EMPORIUM_EMAIL_SENDER;
    expect(identities.map((i) => i.inputs.emailIdentity)).toEqual(stage === "production" ? [sender] : []);
    // The Notifications consumer sends from the stage's sender.
    const notifications = g().builds.find((b) => b.handler === consumers.Notifications.handler)!;
    expect(notifications.links.Email).toMatchObject({ sender });
  });

  it("has Cognito send through SES from the stage's verified identity, not its capped default", () => {
    const [pool] = ofType(g(), "aws:cognito/userPool:UserPool");
    const sourceArn =
      stage === "production"
        ? named(g(), "aws:sesv2/emailIdentity:EmailIdentity", "EmailIdentity").state.arn
        : `arn:aws:ses:eu-west-1:123456789012:identity/${deployEnv.other.EMPORIUM_EMAIL_SENDER}`;
    const sender = stage === "production" ? deployEnv.production.EMPORIUM_EMAIL_SENDER : deployEnv.other.EMPORIUM_EMAIL_SENDER;
    expect(pool!.inputs.emailConfiguration).toEqual({ emailSendingAccount: "DEVELOPER", sourceArn, fromEmailAddress: `Emporium <${sender}>` });
  });

  it("meets AWS's execution-role requirements for every function and integration", () => {
    const functions = ofType(g(), "aws:lambda/function:Function");
    const required = requirementsByFunction(g());
    expect(required.size).toBe(functions.length);
    const problems: string[] = [];
    for (const fn of functions) {
      for (const need of required.get(fn.state.arn)!) {
        if (!satisfied(g(), fn, need)) problems.push(`${fn.name}: ${need.integration} (${explain(need)})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("grants the post-confirmation trigger its group changes on its own pool only, not every pool of the account", () => {
    const pool = named(g(), "aws:cognito/userPool:UserPool", "UserPoolUserPool");
    const triggerArn = pool.inputs.lambdaConfig.postConfirmation;
    const trigger = ofType(g(), "aws:lambda/function:Function").find((fn) => fn.state.arn === triggerArn)!;
    expect(trigger).toBeDefined();
    const role = ofType(g(), "aws:iam/role:Role").find((r) => r.state.arn === trigger.inputs.role)!;
    const pools = roleStatements(g(), role).filter((statement) => statement.Action.some((action) => action.startsWith("cognito-idp:")));
    expect(pools).toEqual([{ Effect: "Allow", Action: ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup"], Resource: [pool.state.arn] }]);
  });

  it("notifies the image processor of uploads under the uploads prefix", () => {
    const notifications = ofType(g(), "aws:s3/bucketNotification:BucketNotification");
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.inputs.lambdaFunctions).toEqual([expect.objectContaining({ events: ["s3:ObjectCreated:*"], filterPrefix: "uploads/" })]);
  });

  it("keeps the uploads the image processor failed on three times in its on-failure queue, and alarms on its depth", () => {
    const processorArn = ofType(g(), "aws:s3/bucketNotification:BucketNotification")[0]!.inputs.lambdaFunctions[0].lambdaFunctionArn;
    const processor = ofType(g(), "aws:lambda/function:Function").find((fn) => fn.state.arn === processorArn)!;
    const queue = named(g(), "aws:sqs/queue:Queue", `${uploads.onFailure}Queue`);
    const configs = ofType(g(), "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
    expect(configs.map((config) => config.inputs)).toEqual([
      expect.objectContaining({ functionName: processor.state.name, maximumRetryAttempts: 2, destinationConfig: { onFailure: { destination: queue.state.arn } } }),
    ]);
    const alarm = ofType(g(), "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.dimensions?.QueueName === queue.state.name);
    expect(alarm?.inputs).toMatchObject({ namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", threshold: 0, comparisonOperator: "GreaterThanThreshold" });
  });

  it("lets browsers PUT uploads cross-origin exactly as the manifest's rule says (the web app's presigned image upload)", () => {
    const rule = buckets.Uploads.cors;
    expect(named(g(), "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", "UploadsCors").inputs.corsRules).toEqual([
      {
        allowedOrigins: [...rule.allowOrigins],
        allowedMethods: [...rule.allowMethods],
        allowedHeaders: [...rule.allowHeaders],
        exposeHeaders: [...rule.exposeHeaders],
        maxAgeSeconds: rule.maxAgeSeconds,
      },
    ]);
  });

  it("grants every function (routes, authorizer, trigger, consumers, image processor, schedule) access to its links' resources and its event source only", () => {
    const byHandler = functionsByHandler(g());
    const roles = new Map(ofType(g(), "aws:iam/role:Role").map((r) => [r.state.arn, r]));
    const mappings = ofType(g(), "aws:lambda/eventSourceMapping:EventSourceMapping");
    // Email is sending rights (infra/email.ts): from this account's identities, and in
    // production through its Email component's configuration set.
    const emailResources = ofType(g(), "aws:sesv2/emailIdentity:EmailIdentity")
      .concat(ofType(g(), "aws:sesv2/configurationSet:ConfigurationSet"))
      .map((resource) => resource.state.arn as string);
    expect(emailResources).toHaveLength(stage === "production" ? 2 : 0);
    const arnsOf = (link: Link): string[] => {
      if (link === "Email") return ["arn:aws:ses:eu-west-1:123456789012:identity", ...ofType(g(), "aws:sesv2/configurationSet:ConfigurationSet").map((set) => set.state.arn as string)];
      const where = linkResource[link];
      return where ? [named(g(), where[0], where[1]).state.arn] : [];
    };
    const problems: string[] = [];
    let checked = 0;
    for (const spec of manifestFunctions) {
      const fn = byHandler.get(spec.handler);
      expect(fn, spec.name).toBeDefined();
      const role = roles.get(fn!.inputs.role)!;
      expect(role, spec.name).toBeDefined();
      // What AWS itself requires of every role (tracing, an on-failure destination) is checked
      // against the requirements table; everything else must be the links' resources, or the
      // event source the function's mapping reads, and that only for reading it.
      const needed = requirementsByFunction(g()).get(fn!.state.arn)!;
      const statements = roleStatements(g(), role).filter((statement) => !needed.some((need) => isExactly(statement, need)));
      const linked = new Set(spec.links.flatMap(arnsOf));
      const source: string | undefined = mappings.find((m) => m.inputs.functionName === fn!.state.arn)?.inputs.eventSourceArn;
      expect(source !== undefined, spec.name).toBe(Object.values(consumers).some((consumer) => consumer.handler === spec.handler));
      const granted = new Set<string>();
      for (const statement of statements) {
        for (const resource of statement.Resource) {
          const arn = resource.replace(/\/\*$/, "");
          granted.add(arn);
          if (linked.has(arn)) continue;
          if (allowed.some((allowance) => allowance.fn === spec.name && allowance.resources(g()).includes(resource) && statement.Action.every((a) => allowance.actions.includes(a)))) continue;
          if (source && resource !== "*" && (arn === source || glob(resource).test(source))) {
            const beyondReading = statement.Action.filter((action) => !eventSourceReading.has(action));
            if (beyondReading.length > 0) problems.push(`${spec.name}: ${beyondReading.join(", ")} on its event source ${resource}`);
            continue;
          }
          problems.push(`${spec.name}: ${statement.Action.join(", ")} on ${resource}, which it neither links nor reads events from`);
        }
      }
      for (const arn of linked) if (!granted.has(arn)) problems.push(`${spec.name}: no access to its link ${arn}`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBe(manifestFunctions.length);
  });
});

describe("infra graph across stages", () => {
  it("creates every resource sst-env.d.ts types, and links each with the properties and type it gives (production's; elsewhere Email is a plain Linkable)", () => {
    const generated = linkedResources();
    for (const stage of stages) {
      const expected = { ...generated };
      if (stage !== "production") expected.Email = { ...generated.Email, type: "sst.sst.Linkable" };
      // A link's type is its component's Pulumi type with ":" → "." (how SST names it).
      for (const [name, { type }] of Object.entries(expected)) {
        expect(graphs[stage]!.resources.some((r) => r.name === name && r.type === String(type).replaceAll(".", ":")), `${stage}: ${type} ${name}`).toBe(true);
      }
      // What functions link, as SST 4 bundles it: each link's properties plus its `type`, which SST
      // reads from the component's URN. Pulumi's mock monitor puts the stack's type in front of a
      // top-level resource's type there (the engine doesn't): that prefix is the mocks' own.
      const linked: Record<string, Record<string, unknown>> = Object.fromEntries(
        graphs[stage]!.builds.flatMap((build) => Object.entries(build.links)).map(([name, { type, ...properties }]) => [
          name,
          { ...properties, type: String(type).replace(/^pulumi\.pulumi\.Stack\$/, "") },
        ]),
      );
      expect(Object.keys(linked).sort(), stage).toEqual([...new Set(manifestFunctions.flatMap((spec) => spec.links))].sort());
      for (const [name, link] of Object.entries(linked)) {
        expect(expected[name], `${stage}: ${name} is linked but not typed`).toBeDefined();
        expect(renderSstEnv({ [name]: link }), `${stage}: ${name}`).toBe(renderSstEnv({ [name]: expected[name]! }));
      }
    }
  });

  it("fails a production deploy missing a required setting, naming it", () => {
    expect(productionWithoutOncall).toContain("EMPORIUM_ONCALL_EMAIL is not set");
  });

  it("gives every account- or globally-named resource a name no other stage uses", () => {
    // AWS names these per account and region (S3: worldwide): two stages with the same one
    // collide on deploy, and removing one would delete the other's.
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    let checked = 0;
    for (const stage of stages) {
      for (const resource of graphs[stage]!.resources) {
        const field = accountScopedName[resource.type];
        const name = field && resource.inputs[field];
        if (typeof name !== "string") continue;
        checked++;
        const key = `${resource.type} ${name}`;
        if (owners.has(key)) clashes.push(`${key} (${owners.get(key)} and ${stage})`);
        owners.set(key, stage);
      }
    }
    expect(clashes).toEqual([]);
    // The names that exist are really checked: buckets, the dashboard, production's identity.
    for (const type of ["aws:s3/bucket:Bucket", "aws:cloudwatch/dashboard:Dashboard", "aws:sesv2/emailIdentity:EmailIdentity", "aws:lambda/function:Function"]) {
      expect([...owners.keys()].some((key) => key.startsWith(`${type} `)), type).toBe(true);
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/**
 * Grants beyond links and event sources, each for a reason that no link can express. The
 * post-confirmation trigger puts new users in a group of the pool it belongs to: one pool,
 * never a wildcard (the test "grants the post-confirmation trigger its own pool" names it).
 */
const allowed: { fn: string; actions: string[]; resources: (g: StageGraph) => string[]; reason: string }[] = [
  {
    fn: "PostConfirmation",
    actions: ["cognito-idp:AdminAddUserToGroup", "cognito-idp:AdminRemoveUserFromGroup"],
    resources: (g) => [named(g, "aws:cognito/userPool:UserPool", "UserPoolUserPool").state.arn],
    reason: "linking the pool would grant cognito-idp:* on it; the trigger needs two group actions",
  },
];

/** What reading an event source takes (AWS's requirements, plus SST's receive-side extras for queues): nothing that writes. */
const eventSourceReading = new Set([
  ...(["dynamodbStreamSource", "kinesisSource", "sqsSource"] as const).flatMap((integration) => (roleRequirements[integration] as { actions: readonly string[] }).actions),
  "sqs:ChangeMessageVisibility",
  "sqs:GetQueueUrl",
]);

/** Resource types whose names AWS scopes to the account and region (or the world), and the input holding the name. */
const accountScopedName: Record<string, string> = {
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws:sesv2/emailIdentity:EmailIdentity": "emailIdentity",
  "aws:sesv2/configurationSet:ConfigurationSet": "configurationSetName",
  "aws:cognito/userPoolDomain:UserPoolDomain": "domain",
  "aws:apigatewayv2/domainName:DomainName": "domainName",
  "aws:cloudwatch/dashboard:Dashboard": "dashboardName",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
  "aws:cloudwatch/logGroup:LogGroup": "name",
  "aws:lambda/function:Function": "name",
  "aws:iam/role:Role": "name",
  "aws:sqs/queue:Queue": "name",
  "aws:sns/topic:Topic": "name",
  "aws:dynamodb/table:Table": "name",
  "aws:kinesis/stream:Stream": "name",
  "aws:cognito/userPool:UserPool": "name",
  "aws:apigatewayv2/api:Api": "name",
  "aws:codedeploy/application:Application": "name",
};

interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}
type Need = Requirement & { integration: Integration; arn?: string };

/** Pulumi marks secret inputs with this key; the mocks see the wrapped value. */
const plain = (value: any) => (value && typeof value === "object" && "4dabf18193072939515e22adb298388d" in value ? value.value : value);
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every Allow statement of a role: inline policies on the role and separate role policies. */
function roleStatements(g: StageGraph, role: MockedResource): Statement[] {
  const inline: { policy: string }[] = role.inputs.inlinePolicies ?? [];
  const separate = ofType(g, "aws:iam/rolePolicy:RolePolicy").filter((p) => [role.state.name, role.state.id, role.state.arn].includes(p.inputs.role));
  return [...inline, ...separate.map((p) => ({ policy: p.inputs.policy as string }))]
    .flatMap((p) => JSON.parse(p.policy).Statement as { Effect: string; Action: string | string[]; Resource: string | string[] }[])
    .filter((s) => s.Effect === "Allow")
    .map((s) => ({ Effect: s.Effect, Action: list(s.Action), Resource: list(s.Resource) }));
}

/** Managed policies attached to a role, on the role or by attachment. */
function managedPolicies(g: StageGraph, role: MockedResource): string[] {
  const attached = ofType(g, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => [role.state.name, role.state.id].includes(a.inputs.role));
  return [...(role.inputs.managedPolicyArns ?? []), ...attached.map((a) => a.inputs.policyArn)];
}

const glob = (pattern: string) => new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");

/** What each function needs, by its ARN: every function's needs plus those of what it is wired to in the graph. */
function requirementsByFunction(g: StageGraph): Map<string, Need[]> {
  const needs = new Map<string, Need[]>();
  for (const fn of ofType(g, "aws:lambda/function:Function")) needs.set(fn.state.arn, everyFunction.map((integration) => ({ ...roleRequirements[integration], integration })));
  const add = (fnArn: string, integration: Integration, arn: string) => {
    const known = needs.get(fnArn);
    if (!known) throw new Error(`${integration} wired to ${fnArn}, which is no function of stage ${g.app.stage}`);
    known.push({ ...roleRequirements[integration], integration, arn });
  };
  for (const mapping of ofType(g, "aws:lambda/eventSourceMapping:EventSourceMapping")) {
    const source: string = mapping.inputs.eventSourceArn;
    const service = source.split(":")[2] as keyof typeof sourceRequirement;
    expect(Object.keys(sourceRequirement), source).toContain(service);
    add(mapping.inputs.functionName, sourceRequirement[service], source);
    const destination: string | undefined = mapping.inputs.destinationConfig?.onFailure?.destinationArn;
    if (destination) {
      expect(destination.split(":")[2], destination).toBe("sqs");
      add(mapping.inputs.functionName, "sqsOnFailureDestination", destination);
    }
  }
  for (const notification of ofType(g, "aws:s3/bucketNotification:BucketNotification")) {
    const bucket = ofType(g, "aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === notification.inputs.bucket)!;
    for (const target of notification.inputs.lambdaFunctions ?? []) add(target.lambdaFunctionArn, "s3Notification", bucket.state.arn);
  }
  for (const pool of ofType(g, "aws:cognito/userPool:UserPool")) {
    for (const arn of Object.values(pool.inputs.lambdaConfig ?? {})) if (typeof arn === "string") add(arn, "cognitoTrigger", pool.state.arn);
  }
  for (const config of ofType(g, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")) {
    const fn = ofType(g, "aws:lambda/function:Function").find((f) => f.state.name === config.inputs.functionName);
    expect(fn, `invoke config of ${config.inputs.functionName}`).toBeDefined();
    const destination: string | undefined = config.inputs.destinationConfig?.onFailure?.destination;
    if (destination) add(fn!.state.arn, "sqsOnFailureDestination", destination);
  }
  return needs;
}

function explain(need: Need) {
  return need.kind === "managed" ? need.policy : need.kind === "invoke" ? `${need.principal} from ${need.arn}` : `${need.actions.join(", ")} on ${need.arn ?? "*"}`;
}

/** Whether a statement grants exactly one requirement (same actions, on its resource). */
function isExactly(statement: Statement, need: Need) {
  if (need.kind !== "role") return false;
  const resource = need.on === "*" ? "*" : need.arn;
  return [...statement.Action].sort().join() === [...need.actions].sort().join() && statement.Resource.length === 1 && statement.Resource[0] === resource;
}

function satisfied(g: StageGraph, fn: MockedResource, need: Need): boolean {
  const role = ofType(g, "aws:iam/role:Role").find((r) => r.state.arn === fn.inputs.role);
  if (need.kind === "managed") return role !== undefined && managedPolicies(g, role).includes(need.policy);
  if (need.kind === "invoke") {
    return ofType(g, "aws:lambda/permission:Permission").some(
      (p) => plain(p.inputs.function) === fn.state.arn && p.inputs.action === "lambda:InvokeFunction" && p.inputs.principal === need.principal && p.inputs.sourceArn === need.arn,
    );
  }
  if (!role) return false;
  const statements = roleStatements(g, role);
  const resource = need.on === "*" ? "*" : need.arn!;
  return need.actions.every((action) =>
    statements.some((s) => s.Action.some((a) => glob(a).test(action)) && s.Resource.some((r) => r === "*" || glob(r).test(resource))),
  );
}

/** Lambda functions by manifest handler, through the Runtime.Build request of the same function. */
function functionsByHandler(g: StageGraph) {
  const functions = ofType(g, "aws:lambda/function:Function");
  const result = new Map<string, MockedResource>();
  for (const build of g.builds) {
    const fn = functions.find((f) => f.name === `${build.functionID}Function`);
    if (fn) result.set(build.handler, fn);
  }
  return result;
}

describe.each(stages)("web app's single origin, stage %s", (stage) => {
  const g = () => graphs[stage]!;

  it("routes /api/* to the HTTP API with the prefix stripped, and the rest to the site", () => {
    const origin = webOrigin(g());
    expect(origin.router).toBeDefined();
    expect(origin.site).toBeDefined();
    // The API's own URL (its custom domain in production), which machine clients keep using.
    const apiHost = new URL(String(g().outputs.api)).host.toLowerCase();
    expect(origin.apiRoute).toEqual({ host: apiHost, rewrite: { regex: `^${webApiBasePath}/(.*)$`, to: "/$1" }, origin: {} });
    expect(origin.routeEntries).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^url,[0-9a-f]+,,${webApiBasePath}$`)), expect.stringMatching(/^site,[0-9a-f]+,,$/)]));
  });

  it("forwards credentials to the API by keying the edge cache on them, and otherwise follows the API's Cache-Control", () => {
    const policy = webOrigin(g()).cachePolicy!.inputs;
    expect(policy.parametersInCacheKeyAndForwardedToOrigin.headersConfig.headers.items).toEqual(expect.arrayContaining(["authorization", "x-api-key"]));
    // No TTL of the router's own: what the API says (public, max-age on the catalogue; private elsewhere) rules.
    expect(policy).toMatchObject({ minTtl: 0, defaultTtl: 0 });
  });

  it("serves the built app with index.html for client-side routes, from a bucket of its own stage", () => {
    const origin = webOrigin(g());
    expect(origin.siteMetadata).toMatchObject({ custom404: "/index.html" });
    expect(origin.siteMetadata!.errorResponseCode).toBeUndefined();
    expect(origin.assetBucket!.inputs.bucket).toContain(`emporium-${stage}-`);
  });

  it("gives each stage its own site and router", () => {
    const buckets = stages.map((s) => webOrigin(graphs[s]!).assetBucket!.inputs.bucket);
    expect(new Set(buckets).size).toBe(stages.length);
    const stores = stages.map((s) => named(graphs[s]!, "aws:cloudfront/keyValueStore:KeyValueStore", "RouterKvStore").inputs.name);
    expect(new Set(stores).size).toBe(stages.length);
  });

  it("writes the viewer's address and the stage's edge secret into every /api request at the edge, over what the viewer sent", () => {
    const code: string = named(g(), "aws:cloudfront/function:Function", "RouterCloudfrontFunctionRequest").inputs.code;
    const injected = `if (event.request.uri.startsWith("/api/")) {
    event.request.headers["x-emporium-viewer-address"] = { value: event.viewer.ip };
    event.request.headers["x-emporium-edge-secret"] = { value: "graph-test-edge-secret" };
  }`;
    expect(code).toContain(injected);
    // Before the router picks an origin, so the /api route's origin request carries both.
    expect(code.indexOf(injected)).toBeLessThan(code.indexOf("getRoutes"));
    // The public routes, which count anonymous callers per address, are the ones that read the secret.
    const readers = routeEntries().filter(([, spec]) => (spec.links as readonly string[]).includes("EdgeSecret")).map(([key]) => key);
    expect(readers.sort()).toEqual(routeEntries().filter(([, spec]) => spec.auth === "public").map(([key]) => key).sort());
  });

  it("takes the web app's custom domain from configuration in production only", () => {
    const distribution = named(g(), "aws:cloudfront/distribution:Distribution", "RouterCdnDistribution").inputs;
    expect(distribution.aliases).toEqual(stage === "production" ? ["shop.emporium.test"] : []);
  });
});
