import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { startStack, type Stack } from "@emporium/local/stack";

export interface ProvidedStack {
  apiUrl: string;
  tableName: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
  endpoints: Stack["endpoints"];
  cognitoDatabase: string;
  queues: Stack["messaging"]["queues"];
  environment: Record<string, string>;
  users: Stack["users"];
  logFile: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: ProvidedStack;
  }
}

/** Starts the offline stack once for the whole run, on free ports, with in-memory data. */
export default async function setup(project: TestProject) {
  const root = resolve(import.meta.dirname, "../..");
  const logDir = join(root, ".emporium", "test-logs");
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, "stack.log");
  writeFileSync(logFile, "");
  // Everything the stack and its functions log goes to this file (tests read it back).
  const stack = await startStack({
    root,
    ports: { api: 0, dynamodb: 0, cognito: 0, lambda: 0, kinesis: 0, ses: 0 },
    // Failed messages come back after 2 s instead of a minute: dead-lettering takes seconds.
    visibilityTimeoutSeconds: 2,
    persist: false,
    watch: false,
    log: (source, line) => appendFileSync(logFile, `[${source}] ${line}\n`),
  });
  const { apiUrl, tableName, userPoolId, clientId, issuer, endpoints, cognitoDatabase, environment, users, messaging } = stack;
  project.provide("stack", {
    apiUrl,
    tableName,
    userPoolId,
    clientId,
    issuer,
    endpoints,
    cognitoDatabase,
    queues: messaging.queues,
    environment,
    users,
    logFile,
  });
  return () => stack.stop();
}
