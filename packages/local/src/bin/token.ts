/**
 * `bun run token <email>`: prints an access token for a seeded user of the running `bun dev`.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { signIn } from "../stack/tokens";
import { devStatePath, type DevState } from "./dev-state";

const root = resolve(import.meta.dirname, "../../../..");
const email = process.argv[2];
const statePath = devStatePath(root);

if (!existsSync(statePath)) {
  console.error("`bun dev` is not running: start it first, then ask for a token.");
  process.exit(1);
}
const state = JSON.parse(readFileSync(statePath, "utf8")) as DevState;
const user = state.users.find((candidate) => candidate.email === email);
if (!user) {
  console.error(`Usage: bun run token <email>, where <email> is one of: ${state.users.map((u) => u.email).join(", ")}`);
  process.exit(1);
}
const tokens = await signIn(state.cognitoEndpoint, state.clientId, user.email, user.password);
console.log(tokens.accessToken);
