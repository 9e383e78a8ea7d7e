import { createHmac, randomBytes } from "node:crypto";
import { Resource } from "sst";

/**
 * Key secrets are 32 random bytes, shown once and stored only as an HMAC under the stage's
 * pepper (an `sst.Secret`): a leaked table alone does not let anyone use or brute-force keys.
 */
export const SECRET_PREFIX = "emp_";

export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHmac("sha256", Resource.ApiKeyPepper.value).update(secret).digest("hex");
}

/** Cheap shape check before any lookup: 4 + 43 characters of base64url. */
export function looksLikeSecret(value: string): boolean {
  return /^emp_[A-Za-z0-9_-]{43}$/.test(value);
}
