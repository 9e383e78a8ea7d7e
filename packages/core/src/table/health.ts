import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, tableName } from "./client";

/** Reads one key that never exists: proves the table answers without reading any data. */
export async function pingTable(): Promise<{ reachable: boolean; latencyMs: number }> {
  const started = performance.now();
  try {
    await documentClient().send(new GetCommand({ TableName: tableName(), Key: { pk: "HEALTH", sk: "HEALTH" } }));
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { reachable: false, latencyMs: Math.round(performance.now() - started) };
  }
}
