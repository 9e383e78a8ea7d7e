import { createHmac, timingSafeEqual } from "node:crypto";
import * as v from "valibot";
import { Resource } from "sst";
import { ValidationError } from "../errors";
import { keyring } from "../keyring";

/**
 * Opaque, tamper-evident cursors. A cursor is the DynamoDB `LastEvaluatedKey` of one query,
 * bound to that query's scope (e.g. the caller's own order list) and signed with the stage's
 * cursor secret, so a client can neither forge a key into another partition nor replay a cursor
 * against a different query. A cursor names the secret version that signed it
 * (`<version>.<payload>.<signature>`), so cursors handed out before a rotation keep working until
 * their version is retired (see ../keyring).
 */
export type PageKey = Record<string, string>;

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/** A page of `item`s as the API sends it (`Page`). */
export const pageSchema = <T extends v.GenericSchema>(item: T) => v.object({ items: v.array(item), cursor: v.nullable(v.string()) });

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export const pageQuerySchema = v.object({
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, "must be an integer"), v.transform(Number), v.minValue(1), v.maxValue(MAX_LIMIT)),
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});

function sign(key: string, version: string, payload: string): string {
  return createHmac("sha256", key).update(`${version}.${payload}`).digest("base64url");
}

export function encodeCursor(scope: string, key: PageKey | undefined): string | null {
  if (!key) return null;
  const { current } = keyring(Resource.CursorSecret.value);
  const payload = Buffer.from(JSON.stringify({ s: scope, k: key })).toString("base64url");
  return `${current.id}.${payload}.${sign(current.key, current.id, payload)}`;
}

const invalidCursor = () => new ValidationError([{ path: "cursor", message: "is not a valid cursor for this query" }]);

export function decodeCursor(scope: string, cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  const [version, payload, signature, extra] = cursor.split(".");
  if (!version || !payload || !signature || extra !== undefined) throw invalidCursor();
  // A retired or made-up version is refused like a forged signature.
  const secret = keyring(Resource.CursorSecret.value).get(version);
  if (!secret) throw invalidCursor();
  const expected = Buffer.from(sign(secret, version, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCursor();
  const decoded = JSON.parse(Buffer.from(payload, "base64url").toString()) as { s: string; k: PageKey };
  if (decoded.s !== scope) throw invalidCursor();
  return decoded.k;
}
