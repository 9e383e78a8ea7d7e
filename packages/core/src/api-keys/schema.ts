import * as v from "valibot";
import { API_KEY_SCOPES } from "../auth";
import { limitsSchema, limitsValueSchema } from "../limits/schema";
import { pageSchema } from "../pagination";
import { timestampSchema } from "../validation";

/** An API key as it is stored and listed: never its secret. */
export const apiKeySchema = v.object({
  id: v.string(),
  name: v.string(),
  /** The first characters of the secret, so people can tell their keys apart. */
  prefix: v.string(),
  scopes: v.array(v.picklist(API_KEY_SCOPES)),
  limits: limitsValueSchema,
  createdAt: timestampSchema,
  createdBy: v.string(),
  revokedAt: v.nullable(timestampSchema),
  /** The pepper version its secret is hashed under (see ../keyring); a key stops working when that version is retired. */
  pepperVersion: v.string(),
});
export type ApiKey = v.InferOutput<typeof apiKeySchema>;
export const apiKeysPageSchema = pageSchema(apiKeySchema);

/** A key just created, with its secret: the only time the secret is shown. */
export const createdApiKeySchema = v.object({ ...apiKeySchema.entries, secret: v.pipe(v.string(), v.startsWith("emp_")) });
export type CreatedApiKey = v.InferOutput<typeof createdApiKeySchema>;

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
