import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The stage's `sst.Secret` values offline. `bun dev` keeps them in a file so persisted data
 * (hashed API keys, signed cursors) stays valid across restarts; tests make fresh ones.
 */
export interface LocalSecrets {
  cursorSecret: string;
  apiKeyPepper: string;
  /** What the web origin's proxy proves the viewer's address with, as CloudFront does deployed. */
  edgeSecret: string;
}

const fresh = (): LocalSecrets => ({
  cursorSecret: randomBytes(32).toString("base64url"),
  apiKeyPepper: randomBytes(32).toString("base64url"),
  edgeSecret: randomBytes(32).toString("base64url"),
});

export function loadSecrets(file?: string): LocalSecrets {
  if (!file) return fresh();
  if (existsSync(file)) return { ...fresh(), ...(JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) };
  const secrets = fresh();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
