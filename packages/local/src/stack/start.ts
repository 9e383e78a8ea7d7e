import { rmSync } from "node:fs";
import { join } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { SQSClient } from "@aws-sdk/client-sqs";
import { METER_FLAG } from "@emporium/core/aws";
import { DEFAULT_HOLD_MINUTES } from "@emporium/core/orders";
import { SIMULATED_PROVIDER } from "@emporium/core/fulfilment";
import {
  apiKeyAuthorizer,
  authorizerOf,
  buckets,
  cors,
  corsOrigins,
  defaults,
  functionSpecs,
  routeEntries,
  schedules,
  uploads,
  type BucketCorsRule,
  type Setting,
} from "@emporium/functions/manifest";
import { startFauxqsEmulator } from "../emulators/fauxqs";
import { startS3Notifications } from "../s3-notifications";
import { startSes } from "../emulators/ses";
import { FunctionHost, localFunctionName, type FunctionMetrics } from "../functions/host";
import type { HeapReport } from "../functions/heap-report";
import { createJwtAuthorizer, LambdaAuthorizer, startGateway, type Gateway } from "../gateway";
import { startLambdaApi, type Credentials } from "../lambda-api";
import { startSchedules } from "../schedules";
import { provisionUserPool } from "../provision/cognito";
import { startEventSources, type EventSources } from "../event-sources";
import { Lifecycle } from "../event-sources/lifecycle";
import { onFailureQueue } from "../event-sources/on-failure-queue";
import { provisionMessaging, type MessagingResources } from "../provision/messaging";
import { eventSourceMappings } from "./mappings";
import { provisionTables } from "../provision/table";
import { buildTablesTemplate } from "../provision/tables-template";
import { catalogueSeed, createSeeder, profilesToSeed, readSeedRecord, seedPoolUsers, seedUsers, writeSeedRecord, type SeedUser } from "../seed";
import { APP, functionEnvironment, REGION, seedEnvironment, TABLE_NAMES, type LocalEndpoints } from "./environment";
import { spawnEmulators, type SpawnedEmulators, type StackPorts } from "./spawn";
import { functionArn, LOCAL_CREDENTIALS } from "../local-account";

export interface StackOptions {
  /** Repository root (where `packages/` lives). */
  root: string;
  /** Ports; 0 picks a free one. */
  ports: StackPorts;
  /** Origins allowed to call the API from browsers (the manifest's development origins otherwise). */
  corsOrigins?: readonly string[];
  /**
   * Which consumer settings the event-source mappings use: the manifest's `local` stage settings
   * (the default: `bun dev`, benchmarks) or the deployed ones (tests that act on an order before
   * the pipeline confirms it rely on the deployed batching window).
   */
  consumerSettings?: "local" | "deployed";
  /** Tests compress time: every queue's visibility timeout, in seconds (the manifest's otherwise). */
  visibilityTimeoutSeconds?: number;
  /** Keep data and secrets on disk under `stateDir` (bun dev) or nothing at all (tests). */
  persist: boolean;
  /** Where data is kept; `<root>/.emporium` by default. */
  stateDir?: string;
  /** Rebuild handlers when their sources change. */
  watch: boolean;
  /** How long an order may stay PENDING before the schedule expires it (the stage default otherwise). */
  orderHoldMinutes?: number;
  /**
   * Functions to build while the emulators start (in one esbuild call) instead of on first
   * use, and whose execution environments start as soon as they have their environments;
   * `true`: build all of them (tests, whose timings assume a route answers without waiting for
   * its build). `startStack` resolves once they are built.
   */
  buildOnStart?: boolean | readonly string[];
  /**
   * How many times the account flows' per-IP limits to allow (1, as deployed, otherwise). A test
   * run signs many users in from 127.0.0.1 across its files, as no real client would.
   */
  authIpLimitScale?: number;
  /**
   * Turns on the cost meter in every function (packages/core/src/aws/meter.ts: one log line per
   * AWS call, with DynamoDB's consumed capacity); `bun run cost` reads them. Off otherwise.
   */
  costMeter?: boolean;
  /**
   * The child-process emulators, already spawned by `spawnEmulators` with these same options,
   * which the stack adopts: `bun dev` starts them before loading the rest of the runtime.
   */
  spawned?: SpawnedEmulators;
  /**
   * Runs cognito-local, kinesis-local and the seed at a lower CPU priority (`yieldCpu`), so that on a machine
   * with few cores DynamoDB Local, the slowest to start and the one the rest waits on, gets the
   * CPU first (`bun dev`). Where the cores are free it changes nothing. The tests and benches
   * leave it off: under their load the event pipeline's Kinesis leg must not wait behind them.
   */
  dynamodbFirst?: boolean;
  log: (source: string, line: string) => void;
}

export interface Stack {
  apiUrl: string;
  tableName: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  endpoints: LocalEndpoints & { lambda: string };
  /** The Lambda API serves only requests signed (SigV4) with these, made afresh for each run. */
  lambdaCredentials: Credentials;
  /** What the web origin vouches for a viewer's address with, as the deployed router does (`startWebOrigin`'s `edgeSecret`). */
  edgeSecret: string;
  /** Physical addresses of queues (and their dead-letter queues), topics, streams, buckets. */
  messaging: MessagingResources;
  /** cognito-local's database file, where it keeps the codes it "e-mails". */
  cognitoDatabase: string;
  /**
   * Every resource (`SST_RESOURCE_*`), the SDK's endpoints and the stage settings, as a function
   * linking everything would see them: for code outside the functions (tests, benchmarks) to
   * give the processes it runs core code in. The stack itself never applies it to its own.
   */
  environment: Record<string, string>;
  apiKeyAuthorizer: LambdaAuthorizer;
  eventSources: EventSources;
  /** Per-function invocation counts and busy time. */
  functionMetrics(): Record<string, FunctionMetrics>;
  /** Each warm function environment's own heap (FunctionHost.heapReports). */
  functionHeaps(): Promise<Record<string, HeapReport>>;
  /** The file URL of a function's bundle, once it has been built (on first use). */
  functionBundle(name: string): string | undefined;
  /** The environment one function runs with: its links, the SDK's endpoints, its settings. */
  functionEnvironmentOf(name: string): Record<string, string>;
  users: SeedUser[];
  /**
   * For fault tests: stops one emulator as an outage would, leaving the rest of the stack
   * running, and returns what brings it back on the same port with the data it had. DynamoDB
   * Local and kinesis-local keep data only with `persist: true` (in memory it would be gone);
   * kinesis-local saves its state when it is stopped, so what it acknowledged survives.
   */
  interrupt(emulator: InterruptibleEmulator): Promise<() => Promise<void>>;
  /** For fault tests: crashes a function's execution environment mid-invocation (FunctionHost.crash). */
  crash(functionName: string): boolean;
  stop(): Promise<void>;
}

/** DynamoDB Local, fauxqs (SQS, SNS and S3) and kinesis-local. */
export type InterruptibleEmulator = "dynamodb" | "messaging" | "kinesis";

/**
 * Starts the whole application offline: emulators, provisioning from the shared definitions,
 * the functions of the manifest behind a local API Gateway (JWT and Lambda authorizers) and a
 * local Lambda API (for user-pool triggers), and seed data.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const stoppers: (() => Promise<void>)[] = [];
  // After a start that had to create the tables, the next fresh state copies them (./provision/tables-template.ts).
  const buildTemplateInBackground = () => {
    const stopping = new AbortController();
    const building = buildTablesTemplate(TABLE_NAMES, { yieldCpu: true, signal: stopping.signal }).then(
      (made) => made && options.log("stack", "made the tables' template, for the next start on fresh data"),
      (error: Error) => stopping.signal.aborted || options.log("stack", `could not make the tables' template: ${error.message}`),
    );
    stoppers.push(async () => {
      stopping.abort();
      await building;
    });
  };
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
  };
  // Where start-up time goes, one line per phase (`bun dev` shows them).
  let phaseStarted = performance.now();
  const phase = (what: string) => {
    const now = performance.now();
    options.log("stack", `${what} in ${Math.round(now - phaseStarted)} ms`);
    phaseStarted = now;
  };
  // Every step started, settled or not: a failure stops the stack only after each has
  // settled, so nothing that was still starting is left running.
  const steps: Promise<unknown>[] = [];
  const step = <T>(started: Promise<T>) => {
    steps.push(started);
    started.catch(() => undefined); // awaited where it is needed; a failure surfaces there
    return started;
  };
  try {
    const spawned = options.spawned ?? (await spawnEmulators(options));
    const { ports, stateDir, runDir, lambdaCredentials } = spawned;
    if (!options.persist) stoppers.push(async () => rmSync(runDir, { recursive: true, force: true }));
    const cognitoDir = join(runDir, "cognito");

    // Functions are registered (and any asked for are built) while the emulators start (below);
    // they get their environments once the resources they link exist.
    // bun dev (watching) is the only user of esbuild in its process; tests share theirs with vitest.
    const host = new FunctionHost(options.root, join(runDir, "functions"), options.log, { stopBuilderWhenIdleMs: options.watch ? 2_000 : undefined });
    stoppers.push(() => host.close());
    // The seed runs in a process of its own. A first start's loads while the emulators start; a
    // restart whose record says everything is seeded usually starts none (./seed/plan.ts).
    const seedRecordFile = options.persist ? join(stateDir, "data", "seed.json") : undefined;
    const seedRecord = seedRecordFile ? readSeedRecord(seedRecordFile) : undefined;
    const seeder = createSeeder((line) => options.log("seed", line), { yieldCpu: options.dynamodbFirst });
    if (!seedRecord) seeder.start();
    stoppers.push(() => seeder.stop());
    const invoke = (name: string, event: unknown) => host.invoke(name, event);

    // Each emulator is provisioned as soon as it answers, not after the slowest of them: the
    // slowest one's start is then the only wait before the tables, pool and topics exist.
    // The child-process emulators a fault test may restart: stopping the stack stops the one running now.
    const current: Partial<Record<"dynamodb" | "kinesis", { stop(): Promise<void> }>> = {};
    const started = <T extends { stop(): Promise<void> }>(starting: Promise<T>, name?: string, restartable?: "dynamodb" | "kinesis") =>
      step(
        starting.then((running) => {
          if (restartable) current[restartable] = running;
          stoppers.push(() => (restartable ? current[restartable]! : running).stop());
          if (name) options.log("stack", `${name} answered in ${Math.round(performance.now() - phaseStarted)} ms`);
          return running;
        }),
      );
    const { tableName, idempotencyTableName } = TABLE_NAMES;
    const dynamoStarted = started(spawned.dynamodb.answering(), "DynamoDB Local", "dynamodb");
    const cognitoStarted = started(spawned.cognito.answering(), "cognito-local");
    const fauxqsStarted = started(startFauxqsEmulator({ log: (line) => options.log("fauxqs", line) }));
    const kinesisStarted = started(spawned.kinesis.answering(), "kinesis-local", "kinesis");
    const sesStarted = started(
      startSes({ port: ports.ses, outboxDir: join(runDir, "outbox"), log: (line) => options.log("ses", line) }).then((ses) => ({ ...ses, stop: () => ses.close() })),
    );
    // Cognito calls user-pool triggers through the Lambda API; it needs nothing else to start.
    const lambdaApiStarted = started(
      startLambdaApi(ports.lambda, invoke, lambdaCredentials, (line) => options.log("lambda", line)).then((api) => ({ ...api, stop: () => api.close() })),
    );

    // Registered once every emulator is starting: registering builds the functions' worker
    // runtime (esbuild's service starting, about 0.1 s), which would otherwise hold their spawns back.
    const specs = functionSpecs();
    await host.add(
      specs.map((spec) => ({
        name: spec.name,
        handler: spec.handler,
        memoryMb: parseInt(spec.memory ?? defaults.memory, 10),
        timeoutMs: parseInt(spec.timeout ?? defaults.timeout, 10) * 1000,
        environment: {},
      })),
    );
    const toBuild = options.buildOnStart === true ? specs.map((spec) => spec.name) : options.buildOnStart || [];
    const built = step(host.buildNow(toBuild));

    const tablesProvisioned = step(
      dynamoStarted.then(async (dynamo) => {
        // Every other listener is on loopback; DynamoDB Local's Jetty has no setting for that.
        options.log(
          "warning",
          `DynamoDB Local listens on every network interface (port ${ports.dynamodb}), not only loopback: other machines on your network can reach its data unless a firewall stops them.`,
        );
        if (spawned.tablesTemplate) {
          options.log("stack", "tables and catalogue copied from their template (node_modules/.cache/dynamodb-tables)");
          return { dynamo, created: true, streamArn: spawned.tablesTemplate.streamArn, copiedProducts: spawned.tablesTemplate.products };
        }
        const { created, streamArn } = await provisionTables(dynamo.endpoint, { tableName, idempotencyTableName }, { expectNew: spawned.dynamodbFresh });
        return { dynamo, created, streamArn, copiedProducts: 0 };
      }),
    );
    const { secrets } = spawned;
    // The seed reads only the table: the catalogue goes in while the other emulators still start.
    const seedEnvironmentOf = (dynamo: { endpoint: string }) => ({ ...seedEnvironment({ tableName, ...secrets }, dynamo.endpoint), ...passThrough() });
    const catalogueMode = tablesProvisioned.then(({ created, copiedProducts }) =>
      catalogueSeed(seedRecord, { table: tableName, tableCreated: created, catalogueCopied: copiedProducts > 0 }),
    );
    const catalogueSeeded = step(
      Promise.all([tablesProvisioned, catalogueMode]).then(([{ dynamo }, mode]) => (mode === "skip" ? 0 : seeder.catalogue(seedEnvironmentOf(dynamo), mode))),
    );
    const poolProvisioned = step(
      cognitoStarted.then(async (cognito) => {
        const client = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS });
        return { cognito, client, ...(await provisionUserPool(client, `${APP.name}-${APP.stage}-UserPool`)) };
      }),
    );
    const poolUsersSeeded = step(poolProvisioned.then(({ client, userPoolId }) => seedPoolUsers(client, userPoolId)));
    // The profiles as soon as the pool has its users and the table exists, beside the catalogue:
    // not once the slowest emulator has answered too (kinesis-local is often the last).
    const profilesSeeded = step(
      Promise.all([tablesProvisioned, catalogueMode, poolUsersSeeded]).then(async ([{ dynamo, created }, mode, profiles]) => {
        const missing = profilesToSeed(seedRecord, { table: tableName, tableCreated: created, profiles });
        if (mode === "skip") {
          if (missing.length === 0) return 0; // nothing to seed: no seed process
          await seeder.catalogue(seedEnvironmentOf(dynamo), "skip"); // its environment comes first
        }
        return seeder.profiles(missing);
      }),
    );
    const seeded = step(
      Promise.all([catalogueSeeded, profilesSeeded, poolUsersSeeded, tablesProvisioned]).then(([products, profilesWritten, profiles, { copiedProducts }]) => {
        const catalogue = copiedProducts > 0 ? `${copiedProducts} product(s) copied from the tables' template` : `${products} product(s)`;
        options.log("seed", seeder.started ? `${catalogue} and ${profilesWritten} profile(s) written` : "nothing to seed: the table holds the catalogue and every user's profile");
        if (seedRecordFile) writeSeedRecord(seedRecordFile, { table: tableName, profiles: profiles.map((profile) => profile.userId) });
      }),
    );
    // Topics, queues and buckets as soon as fauxqs serves; the streams once kinesis-local answers.
    const messagingProvisioned = step(
      fauxqsStarted.then(async (fauxqs) => {
        const messaging = await provisionMessaging({
          endpoints: { sqs: fauxqs.endpoint, sns: fauxqs.endpoint, s3: fauxqs.endpoint, kinesis: kinesisStarted.then((kinesis) => kinesis.endpoint) },
          prefix: `${APP.name}-${APP.stage}`,
          region: REGION,
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
        });
        return { fauxqs, kinesis: await kinesisStarted, messaging };
      }),
    );
    const [{ dynamo, streamArn: tableStreamArn }, { cognito, client: cognitoClient, userPoolId, clientId }, { fauxqs, kinesis, messaging }, ses] = await Promise.all([
      tablesProvisioned,
      poolProvisioned,
      messagingProvisioned,
      sesStarted,
      lambdaApiStarted,
    ]);
    stoppers.push(async () => cognitoClient.destroy());
    phase("emulators started and provisioned");
    // The buckets' CORS rules, from the manifest as infra/events.ts applies them (the web app PUTs images cross-origin).
    for (const [name, spec] of Object.entries(buckets as Record<keyof typeof buckets, { cors?: BucketCorsRule }>)) {
      if (spec.cors) fauxqs.cors.set(messaging.buckets[name as keyof typeof buckets].name, spec.cors);
    }

    const apiUrl = `http://127.0.0.1:${ports.api}`;
    const resources = { tableName, idempotencyTableName, ...secrets, userPoolId, clientId, apiUrl, ...messaging, emailSender: "orders@emporium.local" };
    const endpoints: LocalEndpoints = { dynamodb: dynamo.endpoint, cognito: cognito.endpoint, messaging: fauxqs.endpoint, kinesis: kinesis.endpoint, ses: ses.endpoint };
    // Stage configuration offline: the payment simulator, the order hold, the per-IP attempt scale.
    const settings: Record<Setting, string> = {
      PAYMENT_PROVIDER: SIMULATED_PROVIDER,
      ORDER_HOLD_MINUTES: String(options.orderHoldMinutes ?? DEFAULT_HOLD_MINUTES),
      AUTH_IP_LIMIT_SCALE: String(options.authIpLimitScale ?? 1),
    };
    const settingsOf = (wanted: readonly Setting[] = []) => Object.fromEntries(wanted.map((name) => [name, settings[name]]));
    // What code outside the functions (tests, benchmarks) needs to reach the stack as they do.
    const environment = { ...functionEnvironment(resources, endpoints), ...settings };

    const meter: Record<string, string> = options.costMeter ? { [METER_FLAG]: "1" } : {};
    for (const spec of specs) host.setEnvironment(spec.name, { ...functionEnvironment(resources, endpoints, spec.links), ...settingsOf(spec.settings), ...passThrough(), ...meter });
    if (Array.isArray(options.buildOnStart)) host.startEnvironments(options.buildOnStart).catch(() => undefined); // a failure shows on first invocation
    if (options.watch) host.watch([join(options.root, "packages", "core", "src"), join(options.root, "packages", "functions", "src")]);

    // The gateway and the event sources need only what is provisioned: all at once.
    const issuer = `${cognito.endpoint}/${userPoolId}`;
    const keyAuthorizer = new LambdaAuthorizer(
      {
        functionName: apiKeyAuthorizer.name,
        identitySource: [apiKeyAuthorizer.identitySource],
        resultsTtlSeconds: apiKeyAuthorizer.resultsTtlSeconds,
        region: REGION,
      },
      invoke,
    );
    const gatewayStarted = started(
      startGateway({
        port: ports.api,
        routes: routeEntries().map(([routeKey, spec]) => ({
          routeKey,
          functionName: spec.name,
          authorizer: ({ none: "none", jwt: "jwt", apiKey: keyAuthorizer } as const)[authorizerOf(spec.auth)],
        })),
        invoke,
        authorizeJwt: createJwtAuthorizer({ issuer, audiences: [clientId] }),
        cors: {
          allowOrigins: options.corsOrigins ?? corsOrigins(APP.stage),
          allowMethods: cors.allowMethods,
          allowHeaders: cors.allowHeaders,
          exposeHeaders: cors.exposeHeaders,
          maxAgeSeconds: cors.maxAgeSeconds,
        },
        log: (line) => options.log("gateway", line),
      }).then((gateway: Gateway) => ({ gateway, stop: () => gateway.close() })),
    );
    const eventSourcesStarted = started(
      startEventSources({
        region: REGION,
        endpoints: { dynamodb: dynamo.endpoint, kinesis: kinesis.endpoint, sqs: fauxqs.endpoint },
        mappings: eventSourceMappings({ tableName, streamArn: tableStreamArn }, messaging, options.consumerSettings === "deployed" ? "deployed" : APP.stage),
        checkpointFile: options.persist ? join(stateDir, "data", "stream-checkpoints.json") : undefined,
        // One line per delivered batch, so `bun dev` shows the pipeline at work.
        invoke: async (name, event) => {
          const result = await invoke(name, event);
          options.log(`esm:${name}`, `${name} handled ${(event as { Records?: unknown[] }).Records?.length ?? 0} record(s)`);
          return result;
        },
        log: options.log,
      }),
    );

    const logUploads = (line: string) => options.log(`s3:${uploads.bucket}`, line);
    const uploadFailures = { lifecycle: new Lifecycle(), sqs: new SQSClient({ endpoint: fauxqs.endpoint, region: REGION, credentials: LOCAL_CREDENTIALS }) };
    const notifications = startS3Notifications({
      spy: fauxqs.server.spy,
      endpoint: fauxqs.endpoint,
      region: REGION,
      bucket: messaging.buckets[uploads.bucket].name,
      prefix: uploads.prefix,
      configurationId: uploads.processor.name,
      invoke: (event) => invoke(uploads.processor.name, event),
      functionArn: functionArn(REGION, localFunctionName(uploads.processor.name)),
      maximumRetryAttempts: uploads.maximumRetryAttempts,
      sendOnFailure: onFailureQueue(uploadFailures.sqs, messaging.queues[uploads.onFailure].url, uploadFailures.lifecycle, logUploads),
      log: logUploads,
    });
    stoppers.push(async () => {
      notifications.stop();
      uploadFailures.lifecycle.stop();
      uploadFailures.sqs.destroy();
    });

    // Scheduled functions fire on their manifest expressions; tests fire them on demand through the Lambda API.
    const scheduler = startSchedules({ schedules: Object.values(schedules), region: REGION, invoke, log: options.log });
    stoppers.push(async () => scheduler.stop());

    const [{ gateway }, eventSources] = await Promise.all([gatewayStarted, eventSourcesStarted, seeded]);
    phase("gateway, event sources and seed data ready");
    await built;
    if (toBuild.length > 0) phase(`${toBuild.length} function(s) built`);
    if (options.persist && (await tablesProvisioned).created && !spawned.tablesTemplate) buildTemplateInBackground();

    return {
      apiUrl: gateway.url,
      tableName,
      userPoolId,
      clientId,
      issuer,
      endpoints: { ...endpoints, lambda: `http://127.0.0.1:${ports.lambda}` },
      lambdaCredentials,
      edgeSecret: secrets.edgeSecret,
      messaging,
      cognitoDatabase: join(cognitoDir, ".cognito", "db", `${userPoolId}.json`),
      environment,
      apiKeyAuthorizer: keyAuthorizer,
      eventSources,
      functionMetrics: () => host.metrics(),
      functionHeaps: () => host.heapReports(),
      functionBundle: (name) => host.bundleUrl(name),
      functionEnvironmentOf: (name) => host.environmentOf(name),
      users: seedUsers,
      async interrupt(emulator) {
        if (emulator === "messaging") {
          await fauxqs.stop();
          return () => fauxqs.resume();
        }
        if (!options.persist) throw new Error(`interrupting ${emulator} needs persist: true: in memory, its data would not survive the restart`);
        await current[emulator]!.stop();
        options.log("stack", `${emulator} stopped (interrupted)`);
        return async () => {
          current[emulator] = await (await spawned.respawn(emulator)).answering();
          options.log("stack", `${emulator} started again`);
        };
      },
      crash: (functionName) => host.crash(functionName),
      stop,
    };
  } catch (error) {
    await Promise.allSettled(steps);
    await stop();
    throw error;
  }
}

/** Settings of this process that functions should share (log level, Node's options). */
function passThrough(): Record<string, string> {
  const names = ["POWERTOOLS_LOG_LEVEL", "NODE_OPTIONS"];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
}
