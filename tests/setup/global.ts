import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { createServer } from "node:http";
import { startStack, type Stack } from "@emporium/local/stack";
import { startWebOrigin } from "@emporium/local/web";

export interface ProvidedStack {
  apiUrl: string;
  tableName: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  endpoints: Stack["endpoints"];
  /** What the Lambda API requires requests to be signed with (tests/support/schedules.ts). */
  lambdaCredentials: Stack["lambdaCredentials"];
  cognitoDatabase: string;
  queues: Stack["messaging"]["queues"];
  kinesisStreams: Stack["messaging"]["kinesisStreams"];
  environment: Record<string, string>;
  users: Stack["users"];
  logFile: string;
  /** An origin the API accepts cross-origin requests from (tests serve a page there). */
  allowedOrigin: string;
  /** The web app, built and served as deployed: one origin with `/api/*` proxied to apiUrl. */
  webUrl: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}

/** The per-IP attempt limits of the account flows, times this, for the test stack. */
export const AUTH_IP_LIMIT_SCALE = 5;

/** Starts the offline stack once for the whole run, on free ports, with in-memory data. */
export default async function setup(project: TestProject) {
  // This is vitest's own process, which the config's `env` does not reach: the stack's SDK clients
  // here would print the SDK's notice about this machine's Node 20 (functions run on Lambda's 22).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const root = resolve(import.meta.dirname, "../..");
  const logDir = join(root, ".emporium", "test-logs");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, "stack.log");
  writeFileSync(logFile, "");
  // Everything the stack and its functions log goes to this file (tests read it back).
  // The allowed origin's page is served from here, bound before the stack picks its ports.
  const origin = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>front end</title>"));
  await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", () => resolve()));
  const allowedOrigin = `http://127.0.0.1:${(origin.address() as { port: number }).port}`;
  const stack = await startStack({
    corsOrigins: [allowedOrigin],
    root,
    ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
    // Failed messages come back after 2 s instead of a minute: dead-lettering takes seconds.
    visibilityTimeoutSeconds: 2,
    // Some tests act on an order while it is PENDING: the deployed 1 s batching window before the processor keeps it PENDING that long.
    consumerSettings: "deployed",
    // Every route answers at once, as they did when each function was bundled while starting.
    buildOnStart: true,
    // Every test file signs users in from 127.0.0.1; tests/e2e/account-limits.test.ts proves
    // the per-IP limits from addresses of its own, at this scale.
    authIpLimitScale: AUTH_IP_LIMIT_SCALE,
    persist: false,
    watch: false,
    log: (source, line) => appendFileSync(logFile, `[${source}] ${line}\n`),
  });
  // The production build, so browser tests see what is deployed (and the build itself is checked).
  // A build folder of this run's own: two runs in one worktree must not empty each other's.
  const webOut = join(root, ".emporium", "test-web", String(process.pid));
  const web = await startWebOrigin({ mode: "preview", root, apiUrl: stack.apiUrl, edgeSecret: stack.edgeSecret, port: 0, outDir: webOut }).catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  const { apiUrl, tableName, userPoolId, clientId, issuer, endpoints, lambdaCredentials, cognitoDatabase, environment, users, messaging } = stack;
  project.provide("stack", {
    apiUrl,
    tableName,
    userPoolId,
    clientId,
    issuer,
    endpoints,
    lambdaCredentials,
    cognitoDatabase,
    queues: messaging.queues,
    kinesisStreams: messaging.kinesisStreams,
    environment,
    users,
    logFile,
    allowedOrigin,
    webUrl: web.url,
  });
  return async () => {
    await web.stop();
    rmSync(webOut, { recursive: true, force: true });
    await stack.stop();
    origin.close();
  };
}
