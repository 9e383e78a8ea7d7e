import type { ApiClient, Principal } from "../auth";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import { defaultLimits, revokeForever, subjects } from "../limits";
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from "../pagination";
import * as repository from "./repository";
import type { ApiKey, CreatedApiKey, NewApiKey } from "./schema";
import { candidateHashes, hashSecret, looksLikeSecret, newSecret } from "./secret";

/** Creates a key; the secret is in this return value and nowhere else, ever. */
export async function create(admin: Principal, input: NewApiKey, now = new Date()): Promise<CreatedApiKey> {
  const secret = newSecret();
  const { version, hash } = hashSecret(secret);
  const key: ApiKey = {
    id: newId(),
    name: input.name,
    prefix: secret.slice(0, 8),
    scopes: input.scopes,
    limits: { ...defaultLimits, ...input.limits },
    createdAt: now.toISOString(),
    createdBy: admin.userId,
    revokedAt: null,
    pepperVersion: version,
  };
  await repository.insertKey(hash, key);
  return { ...key, secret };
}

export async function list(limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<ApiKey>> {
  const page = await repository.listKeys(limit, decodeCursor("api-keys", cursor));
  return { items: page.items, cursor: encodeCursor("api-keys", page.lastKey) };
}

export async function revoke(id: string, now = new Date()): Promise<ApiKey> {
  const key = await repository.markRevoked(id, now.toISOString());
  if (!key) throw new NotFoundError(`API key ${id} does not exist.`);
  await revokeForever(subjects.apiKey(id));
  return key;
}

/** The live key a secret belongs to, or undefined for unknown, malformed and revoked secrets. */
export async function authenticate(secret: string): Promise<(ApiClient & { limits: ApiKey["limits"] }) | undefined> {
  if (!looksLikeSecret(secret)) return undefined;
  // Usually one read: the current version first; an older active one only for keys made before the rotation.
  let key: ApiKey | undefined;
  for (const { hash } of candidateHashes(secret)) {
    key = await repository.findByHash(hash);
    if (key) break;
  }
  if (!key || key.revokedAt) return undefined;
  return { keyId: key.id, scopes: key.scopes, limits: key.limits };
}
