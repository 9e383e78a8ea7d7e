import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { defaults, routeEntries } from "@emporium/functions/manifest";
import { startCognito } from "../emulators/cognito";
import { startDynamo } from "../emulators/dynamodb";
import { freePort } from "../emulators/ports";
import type { Emulator } from "../emulators/process";
import { FunctionHost } from "../functions/host";
import { createJwtAuthorizer, startGateway, type Gateway } from "../gateway";
import { provisionUserPool } from "../provision/cognito";
import { provisionTable } from "../provision/table";
import { seedAccounts, seedCatalogue, seedUsers, type SeedUser } from "../seed";
import { APP, applyEnvironment, functionEnvironment, REGION } from "./environment";

export interface StackOptions {
  /** Repository root (where `packages/` lives). */
  root: string;
  /** Ports; 0 picks a free one. */
  ports: { api: number; dynamodb: number; cognito: number };
  /** Keep DynamoDB data on disk under `<root>/.emporium/data` (bun dev) or in memory (tests). */
  persist: boolean;
  /** Rebuild handlers when their sources change. */
  watch: boolean;
  log: (source: string, line: string) => void;
}

export interface Stack {
  apiUrl: string;
  tableName: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  endpoints: { dynamodb: string; cognito: string };
  /** The environment handlers run with (Resource contract and SDK endpoints). */
  environment: Record<string, string>;
  users: SeedUser[];
  stop(): Promise<void>;
}

/**
 * Starts the whole application offline: emulators, provisioning from the shared definitions,
 * seed data, the functions of the manifest and the local API Gateway in front of them.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  // Lambda runs the functions on nodejs22.x; the SDK's notice about this machine's Node 20 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const stateDir = join(resolve(options.root), ".emporium");
  const runDir = options.persist ? stateDir : join(stateDir, "runs", `${process.pid}-${Date.now()}`);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
  };
  if (!options.persist) stoppers.push(async () => rmSync(runDir, { recursive: true, force: true }));
  try {
    const [dynamoPort, cognitoPort, apiPort] = await Promise.all(
      [options.ports.dynamodb, options.ports.cognito, options.ports.api].map((port) => (port === 0 ? freePort() : port)),
    );
    const emulators: Emulator[] = await Promise.all([
      startDynamo({
        port: dynamoPort!,
        dataDir: options.persist ? join(stateDir, "data", "dynamodb") : undefined,
        log: (line) => options.log("dynamodb", line),
      }),
      startCognito({ port: cognitoPort!, dataDir: join(runDir, "cognito"), log: (line) => options.log("cognito", line) }),
    ]);
    stoppers.push(...emulators.map((emulator) => () => emulator.stop()));
    const [dynamo, cognito] = emulators as [Emulator, Emulator];

    const credentials = { accessKeyId: "local", secretAccessKey: "local" };
    const dynamoClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: REGION, credentials });
    const cognitoClient = new CognitoIdentityProviderClient({ endpoint: cognito.endpoint, region: REGION, credentials });
    const tableName = `${APP.name}-${APP.stage}-Table`;
    await provisionTable(dynamoClient, tableName);
    const { userPoolId, clientId } = await provisionUserPool(cognitoClient, `${APP.name}-${APP.stage}-UserPool`);

    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const environment = functionEnvironment(
      { tableName, cursorSecret: randomBytes(32).toString("base64url"), userPoolId, clientId, apiUrl },
      { dynamodb: dynamo.endpoint, cognito: cognito.endpoint },
    );
    applyEnvironment(environment);
    await seedCatalogue();
    await seedAccounts(cognitoClient, userPoolId);
    dynamoClient.destroy();
    cognitoClient.destroy();

    const host = new FunctionHost(options.root, join(runDir, "functions"), (line) => options.log("functions", line));
    stoppers.push(() => host.close());
    await host.add(
      routeEntries().map(([, spec]) => ({
        name: spec.name,
        handler: spec.handler,
        memoryMb: parseInt(spec.memory ?? defaults.memory, 10),
        timeoutMs: parseInt(spec.timeout ?? defaults.timeout, 10) * 1000,
      })),
    );
    if (options.watch) host.watch([join(options.root, "packages", "core", "src"), join(options.root, "packages", "functions", "src")]);

    const issuer = `${cognito.endpoint}/${userPoolId}`;
    const gateway: Gateway = await startGateway({
      port: apiPort!,
      routes: routeEntries().map(([routeKey, spec]) => ({
        routeKey,
        functionName: spec.name,
        authorizer: spec.auth === "public" ? "none" : "jwt",
      })),
      invoke: (name, event) => host.invoke(name, event),
      authorizeJwt: createJwtAuthorizer({ issuer, audiences: [clientId] }),
      log: (line) => options.log("gateway", line),
    });
    stoppers.push(() => gateway.close());

    return {
      apiUrl: gateway.url,
      tableName,
      userPoolId,
      clientId,
      issuer,
      endpoints: { dynamodb: dynamo.endpoint, cognito: cognito.endpoint },
      environment,
      users: seedUsers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
