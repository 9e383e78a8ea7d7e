import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { own, whenReady, type Emulator } from "./process";

export interface CognitoOptions {
  port: number;
  /** cognito-local keeps its pools under `<dataDir>/.cognito/db`. */
  dataDir: string;
  log: (line: string) => void;
  /** User-pool triggers: trigger name (e.g. `PostConfirmation`) → function name at `lambdaEndpoint`. */
  triggers?: Record<string, string>;
  lambdaEndpoint?: string;
}

/**
 * cognito-local: Cognito user pools over the real wire protocol, signing RS256 tokens with a
 * published key. Its issuer is `http://127.0.0.1:<port>/<poolId>`.
 */
export async function startCognito({ port, dataDir, log, triggers = {}, lambdaEndpoint }: CognitoOptions): Promise<Emulator> {
  mkdirSync(join(dataDir, ".cognito"), { recursive: true });
  const config = {
    TokenConfig: { IssuerDomain: `http://127.0.0.1:${port}` },
    TriggerFunctions: triggers,
    ...(lambdaEndpoint
      ? { LambdaClient: { endpoint: lambdaEndpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } } }
      : {}),
  };
  writeFileSync(join(dataDir, ".cognito", "config.json"), JSON.stringify(config, null, 2));
  const entry = createRequire(import.meta.url).resolve("cognito-local/lib/bin/start.js");
  // Always Node, whatever runs this file: cognito-local is a Node program.
  const child = spawn("node", [entry], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const emulator = own("cognito-local", child, endpoint, log);
  return whenReady(emulator, child, async () => (await fetch(`${endpoint}/health`)).status < 500);
}
