/**
 * API keys against the real table: what a new key carries, which secrets authenticate, and
 * revocation, which also refuses the key at the rate limiter for good. Pepper rotation is in
 * ./secret-rotation.test.ts.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import * as ApiKeys from "../src/api-keys";
import { newApiKeySchema } from "../src/api-keys/schema";
import { looksLikeSecret, newSecret } from "../src/api-keys/secret";
import type { Principal } from "../src/auth";
import { NotFoundError } from "../src/errors";
import { newId } from "../src/ids";
import { consume, defaultLimits, subjects } from "../src/limits";

const admin: Principal = { userId: "test-api-keys-admin", role: "admin", username: "ada" };

describe("API keys", () => {
  it("creates a live key with its secret shown once, default limits under any it overrides", async () => {
    const now = new Date("2026-12-03T12:00:00.000Z");
    const key = await ApiKeys.create(admin, { name: "warehouse", scopes: ["stock:write"], limits: { daily: 500 } }, now);
    expect(looksLikeSecret(key.secret)).toBe(true);
    expect(key).toMatchObject({
      name: "warehouse",
      prefix: key.secret.slice(0, 8),
      scopes: ["stock:write"],
      limits: { ...defaultLimits, daily: 500 },
      createdAt: now.toISOString(),
      createdBy: admin.userId,
      revokedAt: null,
    });
    expect(await ApiKeys.authenticate(key.secret)).toEqual({ keyId: key.id, scopes: ["stock:write"], limits: { ...defaultLimits, daily: 500 } });
    // The stored key holds no secret.
    const listed = (await ApiKeys.list(100)).items.find((item) => item.id === key.id);
    expect(listed).toBeDefined();
    expect(JSON.stringify(listed)).not.toContain(key.secret);
  });

  it("authenticates no malformed, unknown or altered secret", async () => {
    const key = await ApiKeys.create(admin, { name: "reader", scopes: ["orders:read"] });
    const last = key.secret.at(-1) === "A" ? "B" : "A";
    for (const secret of [newSecret(), `${key.secret.slice(0, -1)}${last}`, key.secret.slice(0, -1), `${key.secret}A`, key.secret.replace("emp_", "emq_"), "", ` ${key.secret}`]) {
      expect(await ApiKeys.authenticate(secret), secret).toBeUndefined();
    }
  });

  it("revokes a key once: it stops authenticating and its bucket refuses even tokens issued later", async () => {
    const key = await ApiKeys.create(admin, { name: "leaked", scopes: ["orders:read"] });
    const revoked = await ApiKeys.revoke(key.id, new Date("2026-12-03T13:00:00.000Z"));
    expect(revoked).toMatchObject({ id: key.id, revokedAt: "2026-12-03T13:00:00.000Z" });
    expect(await ApiKeys.authenticate(key.secret)).toBeUndefined();
    expect(await consume(subjects.apiKey(key.id), defaultLimits, Date.now() + 60_000)).toMatchObject({ allowed: false, reason: "revoked" });
    // Revoking again keeps the first time.
    expect((await ApiKeys.revoke(key.id, new Date("2026-12-04T00:00:00.000Z"))).revokedAt).toBe("2026-12-03T13:00:00.000Z");
    await expect(ApiKeys.revoke(newId())).rejects.toThrow(NotFoundError);
  });

  it("takes a name and one or more distinct known scopes, and limits within range", () => {
    expect(v.parse(newApiKeySchema, { name: "  sync  ", scopes: ["orders:read", "stock:write"] })).toEqual({ name: "sync", scopes: ["orders:read", "stock:write"] });
    const why = (input: unknown) => v.safeParse(newApiKeySchema, input).issues?.map((issue) => issue.message);
    expect(why({ name: " ", scopes: ["orders:read"] })).toEqual(["must not be empty"]);
    expect(why({ name: "a", scopes: [] })).toEqual(["must grant at least one scope"]);
    expect(why({ name: "a", scopes: ["orders:read", "orders:read"] })).toEqual(["must not repeat a scope"]);
    expect(why({ name: "a", scopes: ["admin"] })).toEqual(["must be one of orders:read, stock:write"]);
    expect(v.is(newApiKeySchema, { name: "a", scopes: ["orders:read"], limits: { burst: 0 } })).toBe(false);
  });
});
