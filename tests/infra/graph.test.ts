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
  functionSpecs,
  queues,
  routeEntries,
  type ConsumerSpec,
  type FunctionSpec,
  type Link,
  type QueueSpec,
} from "../../packages/functions/src/manifest";
import { runInfraProgram, type MockedResource, type StageGraph } from "./graph-harness";

const stages = ["alice", "pr-42", "production"] as const;
let graphs: Record<string, StageGraph>;

beforeAll(async () => {
  graphs = await runInfraProgram(stages);
}, 120_000);

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
  Email: ["aws:sesv2/emailIdentity:EmailIdentity", "EmailIdentity"],
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
      }
    }
  });

  it("wires every dead-letter queue", () => {
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

  it("traces every function actively and alarms on 5xx rate, latency, throttles, every DLQ and stream lag", () => {
    for (const fn of ofType(g(), "aws:lambda/function:Function")) expect(fn.inputs.tracingConfig, fn.name).toEqual({ mode: "Active" });
    const alarms = ofType(g(), "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) => alarm.name).sort();
    const dlqs = Object.entries(queues).filter(([, spec]) => "deadLetter" in spec).map(([name]) => `Alarm${name}DlqDepth`);
    const streams = Object.values(consumers).filter((spec) => spec.source.kind !== "sqs").map((spec) => `Alarm${spec.name}IteratorAge`);
    expect(alarms).toEqual(["AlarmApi5xxRate", "AlarmApiP99Latency", "AlarmLambdaThrottles", ...dlqs, ...streams].sort());
    expect(ofType(g(), "aws:cloudwatch/dashboard:Dashboard")).toHaveLength(1);
  });

  it("notifies the image processor of uploads under the uploads prefix", () => {
    const notifications = ofType(g(), "aws:s3/bucketNotification:BucketNotification");
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.inputs.lambdaFunctions).toEqual([expect.objectContaining({ events: ["s3:ObjectCreated:*"], filterPrefix: "uploads/" })]);
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

  it("grants each route's function IAM access to its links' resources only", () => {
    const byHandler = functionsByHandler(g());
    const roles = new Map(ofType(g(), "aws:iam/role:Role").map((r) => [r.state.arn, r]));
    const arnOf = (link: Link) => {
      const where = linkResource[link];
      return where ? named(g(), where[0], where[1]).state.arn : undefined;
    };
    for (const spec of [...routeEntries().map(([, s]) => s), apiKeyAuthorizer]) {
      const fn = byHandler.get(spec.handler)!;
      const role = roles.get(fn.inputs.role)!;
      expect(role, spec.name).toBeDefined();
      const statements: { Resource: string[] }[] = (role.inputs.inlinePolicies ?? []).flatMap(
        (p: { policy: string }) => JSON.parse(p.policy).Statement,
      );
      const granted = new Set(statements.flatMap((s) => s.Resource).map((arn) => arn.replace(/\/\*$/, "")));
      const expected = new Set(spec.links.map(arnOf).filter((arn): arn is string => arn !== undefined));
      expect([...granted].sort(), spec.name).toEqual([...expected].sort());
    }
  });
});

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
