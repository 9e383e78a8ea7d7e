/**
 * The stack's child-process emulators, spawned before the rest of the runtime loads: DynamoDB
 * Local's JVM is the slowest to start, and cognito-local and kinesis-local start beside it, not
 * after the stack's modules have loaded. `bun dev` calls this first and hands the result to
 * `startStack`, which otherwise calls it itself. Light on purpose: the JVM is spawned before
 * anything else is loaded (the manifest and the signing code come after it).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnCognito } from "../emulators/cognito";
import { spawnDynamo } from "../emulators/dynamodb";
import { spawnKinesis } from "../emulators/kinesis";
import { freePorts } from "../emulators/ports";
import type { SpawnedEmulator } from "../emulators/process";
import type { Credentials } from "../lambda-api/signing";
import { copyTablesTemplate, DYNAMODB_FILE, type TablesTemplate } from "../provision/tables-template";
import { TABLE_NAMES } from "./environment";
import { loadSecrets, type LocalSecrets } from "./secrets";
import { emulatorDataDir } from "./state-layout";

/** The ports the stack listens on, by name; 0 picks a free one. */
export interface StackPorts {
  api: number;
  dynamodb: number;
  cognito: number;
  lambda: number;
  kinesis: number;
  ses: number;
}

export interface SpawnOptions {
  /** Repository root (where `packages/` lives). */
  root: string;
  ports: StackPorts;
  /** Keep data and secrets on disk under `stateDir` (bun dev) or nothing at all (tests). */
  persist: boolean;
  /** Where a persisted stack keeps its data (`<root>/.emporium` by default). */
  stateDir?: string;
  /** See StackOptions.dynamodbFirst. */
  dynamodbFirst?: boolean;
  log: (source: string, line: string) => void;
}

/** What `spawnEmulators` started, and the settings the rest of the stack must share with them. */
export interface SpawnedEmulators {
  /** Every port settled (no 0 left). */
  ports: StackPorts;
  stateDir: string;
  /** Where this run keeps its files: the state folder when persisted, a folder of its own otherwise. */
  runDir: string;
  /** The credentials the local Lambda API accepts; cognito-local signs its trigger calls with them. */
  lambdaCredentials: Credentials;
  /** The stage's secrets: kept in the state folder when persisted, fresh otherwise. The web origin needs the edge secret. */
  secrets: LocalSecrets;
  dynamodb: SpawnedEmulator;
  /** DynamoDB Local started without data of its own (in memory, or no database file yet). */
  dynamodbFresh: boolean;
  /** Its tables came from the template (../provision/tables-template.ts): they are there, and empty. */
  tablesTemplate?: TablesTemplate;
  cognito: SpawnedEmulator;
  kinesis: SpawnedEmulator;
  /** Spawns DynamoDB Local or kinesis-local again as it was spawned (same port, same data), for a fault test's restart. */
  respawn(emulator: "dynamodb" | "kinesis"): Promise<SpawnedEmulator>;
}

export async function spawnEmulators(options: SpawnOptions): Promise<SpawnedEmulators> {
  const stateDir = resolve(options.stateDir ?? join(options.root, ".emporium"));
  const runDir = options.persist ? stateDir : join(stateDir, "runs", `${process.pid}-${Date.now()}`);
  const ports = await namedPorts(options.ports);
  const dataDir = (name: "dynamodb" | "kinesis") => (options.persist ? emulatorDataDir(stateDir, name) : undefined);
  const respawn = async (emulator: "dynamodb" | "kinesis"): Promise<SpawnedEmulator> =>
    emulator === "dynamodb"
      ? spawnDynamo({ port: ports.dynamodb, dataDir: dataDir("dynamodb"), log: (line) => options.log("dynamodb", line) })
      : spawnKinesis({
          port: ports.kinesis,
          dataDir: dataDir("kinesis"),
          log: (line) => options.log("kinesis", line),
          yieldCpu: options.dynamodbFirst,
          reservedPorts: Object.values(ports),
        });
  const dynamodbData = dataDir("dynamodb");
  const dynamodbFresh = !dynamodbData || !existsSync(join(dynamodbData, DYNAMODB_FILE));
  const tablesTemplate = dynamodbData && dynamodbFresh ? copyTablesTemplate(TABLE_NAMES, dynamodbData) : undefined;
  const dynamodb = await respawn("dynamodb");
  const [{ triggers }, { newCredentials }] = await Promise.all([import("@emporium/functions/manifest"), import("../lambda-api/signing")]);
  const lambdaCredentials = newCredentials();
  // Side by side: cognito-local's program may have to be built first (once per version).
  const [cognito, kinesis] = await Promise.allSettled([
    spawnCognito({
      port: ports.cognito,
      dataDir: join(runDir, "cognito"),
      log: (line) => options.log("cognito", line),
      triggers: Object.fromEntries(Object.entries(triggers).map(([trigger, spec]) => [trigger, spec.name])),
      lambdaEndpoint: `http://127.0.0.1:${ports.lambda}`,
      lambdaCredentials,
      yieldCpu: options.dynamodbFirst,
    }),
    respawn("kinesis"),
  ]);
  if (cognito.status === "rejected" || kinesis.status === "rejected") {
    const started = [dynamodb, ...[cognito, kinesis].flatMap((spawn) => (spawn.status === "fulfilled" ? [spawn.value] : []))];
    await Promise.all(started.map((spawned) => spawned.emulator.stop()));
    throw cognito.status === "rejected" ? cognito.reason : (kinesis as PromiseRejectedResult).reason;
  }
  const secrets = loadSecrets(options.persist ? join(stateDir, "secrets.json") : undefined);
  return { ports, stateDir, runDir, lambdaCredentials, secrets, dynamodb, dynamodbFresh, tablesTemplate, cognito: cognito.value, kinesis: kinesis.value, respawn };
}

/** The ports to listen on, by name; each 0 becomes a free port. */
async function namedPorts(wanted: StackPorts): Promise<StackPorts> {
  const names = Object.keys(wanted) as (keyof StackPorts)[];
  const free = await freePorts(names.filter((name) => wanted[name] === 0).length);
  const settled = { ...wanted };
  for (const name of names) if (settled[name] === 0) settled[name] = free.shift()!;
  return settled;
}
