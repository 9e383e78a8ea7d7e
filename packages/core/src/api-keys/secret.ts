import { createHmac, randomBytes } from "node:crypto";
import { Resource } from "sst";
import { keyring } from "../keyring";

/**
 * Key secrets are 32 random bytes, shown once and stored only as an HMAC under the stage's
 * pepper (an `sst.Secret`): a leaked table alone does not let anyone use or brute-force keys.
 * The pepper is versioned (see ../keyring): a key is hashed under the current version, and
 * found under whichever active version it was hashed with, so rotating the pepper leaves
 * existing keys working until their version is retired.
 */
export const SECRET_PREFIX = "emp_";

export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export interface SecretHash {
  /** The pepper version it was made with. */
  version: string;
  hash: string;
}

const hmac = (key: string, secret: string) => createHmac("sha256", key).update(secret).digest("hex");

/** The hash to store for a new key: under the current pepper version. */
export function hashSecret(secret: string): SecretHash {
  const { current } = keyring(Resource.ApiKeyPepper.value);
  return { version: current.id, hash: hmac(current.key, secret) };
}

/** The hashes a presented secret may be stored under: one per active pepper version, current first. */
export function candidateHashes(secret: string): SecretHash[] {
  return keyring(Resource.ApiKeyPepper.value).versions.map((version) => ({ version: version.id, hash: hmac(version.key, secret) }));
}

/** Cheap shape check before any lookup: 4 + 43 characters of base64url. */
export function looksLikeSecret(value: string): boolean {
  return /^emp_[A-Za-z0-9_-]{43}$/.test(value);
}
