import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { withCodeCache } from "./code-cache";
import { cognitoProgram } from "./cognito-program";
import { own, whenReady, yieldCpu, type Emulator, type SpawnedEmulator } from "./process";
import { LOCAL_REGION } from "../local-account";

export interface CognitoOptions {
  port: number;
  /** cognito-local keeps its pools under `<dataDir>/.cognito/db`. */
  dataDir: string;
  log: (line: string) => void;
  /** User-pool triggers: trigger name (e.g. `PostConfirmation`) → function name at `lambdaEndpoint`. */
  triggers?: Record<string, string>;
  lambdaEndpoint?: string;
  /** The Lambda API accepts only requests signed with these (the runtime's own for this run). */
  lambdaCredentials?: { accessKeyId: string; secretAccessKey: string };
  /** Runs it at a lower CPU priority (see `yieldCpu`). */
  yieldCpu?: boolean;
}

/**
 * cognito-local: Cognito user pools over the real wire protocol, signing RS256 tokens with a
 * published key. Its issuer is `http://127.0.0.1:<port>/<poolId>`.
 *
 * What 5.3.0 lacks is added by ./cognito-local-targets.cjs, loaded before it (./cognito-program.ts):
 * ResendConfirmationCode, and AdminUserGlobalSignOut (every refresh token of the user stops
 * working, as in Cognito; a password reset and a role change call it). RevokeToken is its own: it removes the refresh token from the user,
 * so refreshing with it fails from then on (NotAuthorizedException), as in Cognito. Unlike
 * Cognito it does not also invalidate the access tokens issued from that refresh token for the
 * pool's own APIs (GetUser and the like); the app never calls those with a user's token, and
 * the API's JWT authorizer checks signatures only, in AWS as offline. The same file makes
 * cognito-local's saves of a pool's file whole and one at a time.
 */
export async function startCognito(options: CognitoOptions): Promise<Emulator> {
  return (await spawnCognito(options)).answering();
}

/** Writes cognito-local's configuration and starts its process; `answering()` waits for it to serve. */
export async function spawnCognito({ port, dataDir, log, triggers = {}, lambdaEndpoint, lambdaCredentials, yieldCpu: yielding = false }: CognitoOptions): Promise<SpawnedEmulator> {
  mkdirSync(join(dataDir, ".cognito"), { recursive: true });
  const config = {
    TokenConfig: { IssuerDomain: `http://127.0.0.1:${port}` },
    TriggerFunctions: triggers,
    // Its Lambda client (aws-sdk v2) signs each trigger invocation with these.
    ...(lambdaEndpoint && lambdaCredentials ? { LambdaClient: { endpoint: lambdaEndpoint, region: LOCAL_REGION, credentials: lambdaCredentials } } : {}),
  };
  // It holds the run's Lambda credentials: readable by this user only.
  writeFileSync(join(dataDir, ".cognito", "config.json"), JSON.stringify(config, null, 2), { mode: 0o600 });
  const program = await cognitoProgram();
  // Always Node, whatever runs this file: cognito-local is a Node program.
  const child = spawn("node", withCodeCache(program), {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (yielding) yieldCpu(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const emulator = own("cognito-local", child, endpoint, log);
  return { emulator, answering: () => whenReady(emulator, child, async () => (await fetch(`${endpoint}/health`)).status < 500) };
}
