import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Role } from "@emporium/core/auth";
import { seedUsers, type SeedUser } from "./users";
import { ensurePoolUser } from "../stack/pool-users";
import { yieldCpu } from "../emulators/process";
import type { CatalogueSeed } from "./plan";

export { seedUsers, type SeedUser } from "./users";
export { catalogue } from "./catalogue";
export { catalogueSeed, profilesToSeed, readSeedRecord, writeSeedRecord, type CatalogueSeed, type SeedRecord } from "./plan";

/** A development user's profile, keyed by the id the pool gave them. */
export interface SeedProfile {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

/** What the stack sends the seed process (./main.ts): two lines, the table's first. */
export interface SeedMessages {
  table: {
    /** The environment it runs with: the table's (../stack/environment.ts `seedEnvironment`). */
    environment: Record<string, string>;
    catalogue: CatalogueSeed;
  };
  profiles: { profiles: SeedProfile[] };
}

/** How the seed's answers start, among whatever core logs on its standard output. */
export const SEEDED = "seeded ";

/** The seed process: started by `start()`, or by its first message. */
export interface Seeder {
  /** Starts the process now, so that it loads while the emulators start. */
  start(): void;
  /** Whether the process was started (by `start()` or a message). */
  readonly started: boolean;
  /** Sends its environment and what to do with the catalogue; resolves with how many products it wrote. */
  catalogue(environment: Record<string, string>, catalogue: CatalogueSeed): Promise<number>;
  /**
   * Sends the profiles (after the environment, whenever it is called); the seed writes them
   * beside the catalogue. Resolves with how many it wrote once the seed has exited.
   */
  profiles(profiles: SeedProfile[]): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The seed in a process of its own (bun runs ./main.ts from source), so the stack's own process
 * keeps its environment.
 */
export function createSeeder(log: (line: string) => void, options: { yieldCpu?: boolean } = {}): Seeder {
  let running: SeedProcess | undefined;
  const seed = () => (running ??= spawnSeed(log, options));
  return {
    start: () => void seed(),
    get started() {
      return running !== undefined;
    },
    catalogue: (environment, catalogue) => seed().catalogue(environment, catalogue),
    profiles: (profiles) => seed().profiles(profiles),
    stop: async () => running?.stop(),
  };
}

type SeedProcess = Omit<Seeder, "start" | "started">;

function spawnSeed(log: (line: string) => void, options: { yieldCpu?: boolean }): SeedProcess {
  const child = spawn("bun", [fileURLToPath(new URL("./main.ts", import.meta.url))], { stdio: ["pipe", "pipe", "pipe"] });
  if (options.yieldCpu) yieldCpu(child);
  const answers: Partial<Record<"products" | "profiles", number>> = {};
  const answered = new Set<() => void>();
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith(SEEDED)) return log(line);
    Object.assign(answers, JSON.parse(line.slice(SEEDED.length)));
    for (const wake of answered) wake();
  });
  createInterface({ input: child.stderr }).on("line", log);
  // A seed that died before reading its input closes the pipe; its exit status reports that.
  child.stdin.on("error", () => undefined);
  // "close", not "exit": its last answer is read by then.
  const closed = new Promise<number | null>((resolve) => {
    child.once("close", (code) => resolve(code));
    child.once("error", (error) => (log(`the seed could not start: ${error.message}`), resolve(null)));
  });
  // The seed reads its environment first, then the profiles.
  let environmentSent!: () => void;
  const sent = new Promise<void>((resolve) => (environmentSent = resolve));
  const failed = (code: number | null) => new Error(`the seed failed (exit ${code}); its output is in the stack's log`);
  const answer = (key: "products" | "profiles") =>
    new Promise<number>((resolve, reject) => {
      const wake = () => {
        if (answers[key] === undefined) return;
        answered.delete(wake);
        resolve(answers[key]);
      };
      answered.add(wake);
      wake();
      void closed.then((code) => (answered.delete(wake), reject(failed(code))));
    });
  return {
    catalogue(environment, catalogue) {
      child.stdin.write(`${JSON.stringify({ environment, catalogue } satisfies SeedMessages["table"])}\n`);
      environmentSent();
      return answer("products");
    },
    async profiles(profiles) {
      await sent;
      child.stdin.end(`${JSON.stringify({ profiles } satisfies SeedMessages["profiles"])}\n`);
      const written = await answer("profiles");
      const code = await closed;
      if (code !== 0) throw failed(code);
      return written;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await closed;
    },
  };
}

/** Creates each development user in the pool (confirmed, permanent password, in its group); their profiles, for the seed function. */
export async function seedPoolUsers(cognito: CognitoIdentityProviderClient, userPoolId: string, users: SeedUser[] = seedUsers): Promise<SeedProfile[]> {
  return Promise.all(
    users.map(async (user) => ({ userId: await ensurePoolUser(cognito, userPoolId, user), email: user.email, name: user.name, role: user.role })),
  );
}
