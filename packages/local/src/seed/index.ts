import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { AdminGetUserCommand, type CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Role } from "@emporium/core/auth";
import { seedUsers, type SeedUser } from "./users";
import { ensurePoolUser } from "../stack/pool-users";
import { yieldCpu } from "../emulators/process";

export { seedUsers, type SeedUser } from "./users";
export { catalogue } from "./catalogue";

/** A development user's profile, keyed by the id the pool gave them. */
export interface SeedProfile {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** What the seed function (./handler.ts) is invoked with. */
export interface SeedEvent {
  profiles: SeedProfile[];
}

/** What the stack sends the seed process (./main.ts): the environment it runs with, and its event. */
export interface SeedRequest {
  environment: Record<string, string>;
  event: SeedEvent;
}

/** A seed process that has started and waits for its request. */
export interface Seeder {
  /** Sends the request and resolves with what the seed wrote, once it has exited. */
  run(request: SeedRequest): Promise<{ products: number; profiles: number }>;
  stop(): Promise<void>;
}

/**
 * Starts the seed in a process of its own (bun runs ./main.ts from source), so it loads while the
 * emulators start and the stack's own process keeps its environment.
 */
export function startSeeder(log: (line: string) => void, options: { yieldCpu?: boolean } = {}): Seeder {
  const child = spawn("bun", [fileURLToPath(new URL("./main.ts", import.meta.url))], { stdio: ["pipe", "pipe", "pipe"] });
  if (options.yieldCpu) yieldCpu(child);
  // Its result is its last line; anything core logs on the way goes to the stack's log.
  let last = "";
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (last) log(last);
    last = line;
  });
  createInterface({ input: child.stderr }).on("line", log);
  // A seed that died before reading its request closes the pipe; its exit status reports that.
  child.stdin.on("error", () => undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", (error) => (log(`the seed could not start: ${error.message}`), resolve(null)));
  });
  return {
    async run(request) {
      child.stdin.end(`${JSON.stringify(request)}\n`);
      const code = await exited;
      if (code !== 0) throw new Error(`the seed failed (exit ${code}); its output is in the stack's log`);
      return JSON.parse(last) as { products: number; profiles: number };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Creates each development user in the pool (confirmed, permanent password, in its group); their profiles, for the seed function. */
export async function seedPoolUsers(cognito: CognitoIdentityProviderClient, userPoolId: string, users: SeedUser[] = seedUsers): Promise<SeedProfile[]> {
  return Promise.all(
    users.map(async (user) => {
      await ensurePoolUser(cognito, userPoolId, user);
      const { UserAttributes } = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
      const userId = UserAttributes?.find((attribute) => attribute.Name === "sub")?.Value;
      if (!userId) throw new Error(`cognito-local returned no sub for ${user.email}`);
      return { userId, email: user.email, name: user.name, role: user.role };
    }),
  );
}
