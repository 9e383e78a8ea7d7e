import * as v from "valibot";
import { API_KEY_SCOPES, type Scope } from "../auth";
import { limitsSchema, type Limits } from "../limits";

export interface ApiKey {
  id: string;
  name: string;
  /** The first characters of the secret, so people can tell their keys apart. */
  prefix: string;
  scopes: Scope[];
  limits: Limits;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  /** The pepper version its secret is hashed under (see ../keyring); a key stops working when that version is retired. */
  pepperVersion: string;
}

export const newApiKeySchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxCodePoints(100)),
  scopes: v.pipe(
    v.array(v.picklist(API_KEY_SCOPES, `must be one of ${API_KEY_SCOPES.join(", ")}`)),
    v.minLength(1, "must grant at least one scope"),
    v.check((scopes) => new Set(scopes).size === scopes.length, "must not repeat a scope"),
  ),
  limits: v.optional(v.partial(limitsSchema)),
});
export type NewApiKey = v.InferOutput<typeof newApiKeySchema>;
