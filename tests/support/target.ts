import { inject } from "vitest";
import type { ProvidedStack } from "../setup/global";
import { OFFLINE_TAG, TARGET_VARIABLE } from "./modes";

/**
 * What the end-to-end tests run against. `offline`: the stack the global setup started in this
 * run, with its in-process hooks (mailbox, table, logs, Lambda API, the emulator's signing key).
 * `remote`: a deployed stage, or any stack known only by what `sst shell` would give, its URLs and
 * pool ids, passed by tests/stage/run.ts in EMPORIUM_TARGET. Remote tests act only through HTTP,
 * the browser and Cognito's API; anything else goes through `offlineStack`, which refuses.
 */
export interface TargetUser {
  email: string;
  password: string;
  role: "admin" | "customer";
}

export interface Target {
  mode: "offline" | "remote";
  apiUrl: string;
  webUrl: string;
  userPoolId: string;
  clientId: string;
  /** Cognito's API: the emulator's URL offline; unset on AWS, where the SDK derives it from `region`. */
  cognitoEndpoint?: string;
  region: string;
  /** The fixed test users (admin@example.com, customer@example.com, customer2@example.com) and their passwords. */
  users: TargetUser[];
}

/**
 * Options that tag a test or describe block as needing an offline hook, so remote runs skip and
 * count it: `it("…", offlineOnly, async () => …)`.
 */
export const offlineOnly = { tags: [OFFLINE_TAG] };

function resolveTarget(): Target {
  const given = process.env[TARGET_VARIABLE];
  if (given) return { ...(JSON.parse(given) as Omit<Target, "mode">), mode: "remote" };
  const stack = inject("stack");
  return {
    mode: "offline",
    apiUrl: stack.apiUrl,
    webUrl: stack.webUrl,
    userPoolId: stack.userPoolId,
    clientId: stack.clientId,
    cognitoEndpoint: stack.endpoints.cognito,
    region: stack.environment.AWS_REGION!,
    users: stack.users,
  };
}

export const target: Target = resolveTarget();
export const remote = target.mode === "remote";

export class OfflineHookError extends Error {
  constructor(hook: string) {
    super(`${hook} exists only offline: tag the test with offlineOnly (tests/support/target.ts) so remote runs skip and count it`);
    this.name = "OfflineHookError";
  }
}

/** The offline stack's in-process hooks, for `hook` (named in the error a remote run gets instead). */
export function offlineStack(hook: string): ProvidedStack {
  if (remote) throw new OfflineHookError(hook);
  return inject("stack");
}
