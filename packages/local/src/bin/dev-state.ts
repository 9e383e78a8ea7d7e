import { join, resolve } from "node:path";

/** What a running `bun dev` publishes for `bun run token`. */
export interface DevState {
  apiUrl: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  users: { email: string; password: string; role: string }[];
}

/**
 * Where `bun dev` keeps its data: `.emporium/` at the root, or `EMPORIUM_STATE_DIR` (so a second
 * `bun dev`, e.g. a benchmark's, keeps its own data and does not clobber the first one's state).
 */
export const devStateDir = (root: string) => resolve(process.env.EMPORIUM_STATE_DIR ?? join(root, ".emporium"));

export const devStatePath = (root: string) => join(devStateDir(root), "dev.json");

/**
 * `bun dev`'s ports; each can be moved with an environment variable so two can run side by side.
 * `PORT` (the API) keeps its usual name.
 */
export function devPorts(env: NodeJS.ProcessEnv = process.env) {
  const port = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got ${env[name]}`);
    return value;
  };
  return {
    api: port("PORT", 3000),
    dynamodb: port("EMPORIUM_DYNAMODB_PORT", 8100),
    cognito: port("EMPORIUM_COGNITO_PORT", 9229),
    lambda: port("EMPORIUM_LAMBDA_PORT", 9001),
    kinesis: port("EMPORIUM_KINESIS_PORT", 4568),
    ses: port("EMPORIUM_SES_PORT", 9002),
  };
}
