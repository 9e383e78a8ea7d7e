/**
 * Runs the HTTP and browser end-to-end suite against a deployed stage:
 *
 *   bun run test:stage --stage <stage> [vitest arguments]
 *   (or `bun run test:stage <stage> …`, or EMPORIUM_STAGE=<stage> bun run test:stage …)
 *
 * Outside `sst shell` it re-runs itself inside `sst shell --stage <stage>`, which hands it the
 * stage's resources (SST_RESOURCE_*) and AWS credentials. Inside, it reads the API and web URLs
 * and the user pool and client ids, creates the test users through the pool's admin API
 * (tests/stage/users.ts), and runs vitest with tests/stage/vitest.config.ts, which skips and
 * counts the tests that need offline hooks. A target given directly in EMPORIUM_TARGET (JSON:
 * apiUrl, webUrl, userPoolId, clientId, region, optional cognitoEndpoint and users) is used as
 * is, without sst: that is how tests/stage/remote-mode.test.ts runs it against the offline stack.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { Resource } from "sst";
import { TARGET_VARIABLE } from "../support/modes";
import { regionOfPool } from "../support/pool";
import type { Target } from "../support/target";
import { ensureTestUsers } from "./users";

const root = resolve(import.meta.dirname, "../..");
const isStageName = (value: string | undefined) => value !== undefined && /^[a-z0-9][a-z0-9-]*$/i.test(value);

/** The stage from `--stage <stage>`, `--stage=<stage>` or a first bare name; the rest goes to vitest. */
function parseArguments(argv: string[]): { stage?: string; rest: string[] } {
  const rest = [...argv];
  const flag = rest.findIndex((arg) => arg === "--stage" || arg.startsWith("--stage="));
  if (flag >= 0) {
    const [arg] = rest.splice(flag, 1);
    const stage = arg === "--stage" ? rest.splice(flag, 1)[0] : arg!.slice("--stage=".length);
    if (!isStageName(stage)) fail(`not a stage name: ${stage ?? "(missing)"}`);
    return { stage, rest };
  }
  return isStageName(rest[0]) ? { stage: rest.shift(), rest } : { rest };
}

function fail(message: string): never {
  console.error(`test:stage: ${message}`);
  process.exit(2);
}

type Outputs = Omit<Target, "mode" | "users"> & { users?: Target["users"] };

function givenTarget(): Outputs | undefined {
  const given = process.env[TARGET_VARIABLE];
  return given ? (JSON.parse(given) as Outputs) : undefined;
}

/** The stage's outputs, as `sst shell` provides them. */
function stageOutputs(stage: string): Outputs {
  if (Resource.App.stage !== stage) fail(`sst shell opened stage ${Resource.App.stage}, not ${stage}`);
  const resources = Resource as unknown as Record<"Api" | "Router", { url: string }> & typeof Resource;
  const userPoolId = resources.UserPool.id;
  return {
    apiUrl: resources.Api.url.replace(/\/$/, ""),
    webUrl: resources.Router.url.replace(/\/$/, ""),
    userPoolId,
    clientId: resources.UserPoolClient.id,
    region: regionOfPool(userPoolId),
  };
}

const parsed = parseArguments(process.argv.slice(2));
const args = parsed.rest;
let outputs = givenTarget();
if (!outputs) {
  const stage = parsed.stage ?? (process.env.EMPORIUM_STAGE || undefined);
  if (!stage) fail("name the stage: bun run test:stage --stage <stage> (or <stage> first, or EMPORIUM_STAGE)");
  if (!process.env.SST_RESOURCE_App) {
    // Not inside sst shell yet: run this script again there, for the stage's resources and credentials.
    const shell = spawnSync(join(root, "node_modules/.bin/sst"), ["shell", "--stage", stage, "--", "bun", "tests/stage/run.ts", ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, EMPORIUM_STAGE: stage },
    });
    process.exit(shell.status ?? 1);
  }
  outputs = stageOutputs(stage);
}

const pool = { region: outputs.region, endpoint: outputs.cognitoEndpoint };
const passwords = Object.fromEntries((outputs.users ?? []).map((user) => [user.email, user.password]));
const users = await ensureTestUsers(pool, outputs.userPoolId, passwords);
console.log(`test:stage: API ${outputs.apiUrl}, web ${outputs.webUrl}, pool ${outputs.userPoolId}; test users ready: ${users.map((user) => user.email).join(", ")}`);

const vitest = spawnSync(join(root, "node_modules/.bin/vitest"), ["run", "--config", "tests/stage/vitest.config.ts", ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, [TARGET_VARIABLE]: JSON.stringify({ ...outputs, users }) },
});
process.exit(vitest.status ?? 1);
