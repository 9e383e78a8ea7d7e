import { randomBytes } from "node:crypto";
import { Resource } from "sst";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ApiKeys from "../src/api-keys";
import type { Principal } from "../src/auth";
import { ValidationError } from "../src/errors";
import { keyring } from "../src/keyring";
import { decodeCursor, encodeCursor } from "../src/pagination";

/**
 * Rotation at the core, with the secrets swapped in this process as a redeploy with a new
 * `sst secret set` value would swap them for the functions (the offline stack's own functions
 * keep the values they started with, so this is not shown over HTTP). API keys go through the
 * real local table.
 */
const links = (globalThis as unknown as { __SST_RESOURCE_RAW__: Record<string, { value: string }> }).__SST_RESOURCE_RAW__;
const secret = () => randomBytes(32).toString("base64url");
let saved: { pepper: { value: string }; cursor: { value: string } };
const setSecret = (name: "ApiKeyPepper" | "CursorSecret", value: string) => {
  links[name] = { ...links[name], value };
};

beforeAll(() => {
  // Load the links before swapping, so the first read does not put the originals back.
  saved = { pepper: { ...Resource.ApiKeyPepper }, cursor: { ...Resource.CursorSecret } };
});
afterAll(() => {
  links.ApiKeyPepper = saved.pepper;
  links.CursorSecret = saved.cursor;
});

describe("keyring values", () => {
  it("reads versions current first; a plain value is v1; misconfigurations are faults", () => {
    const [a, b] = [secret(), secret()];
    expect(keyring(`v2:${b},v1:${a}`).current).toEqual({ id: "v2", key: b });
    expect(keyring(`v2:${b},v1:${a}`).get("v1")).toBe(a);
    expect(keyring(a).versions).toEqual([{ id: "v1", key: a }]);
    expect(() => keyring(`v2:${b},v2:${a}`)).toThrow(/same version twice/);
    expect(() => keyring("v2:short")).toThrow(/at least 16/);
  });
});

describe("rotating the cursor secret", () => {
  const key = { pk: "ORDER#1", sk: "ORDER" };

  it("keeps old cursors valid while the old version is listed, and refuses them once it is retired", () => {
    const [old, next] = [secret(), secret()];
    setSecret("CursorSecret", old); // before versioning: a plain value
    const before = encodeCursor("orders", key)!;
    expect(before.startsWith("v1.")).toBe(true);

    setSecret("CursorSecret", `v2:${next},v1:${old}`);
    expect(decodeCursor("orders", before)).toEqual(key);
    const during = encodeCursor("orders", key)!;
    expect(during.startsWith("v2.")).toBe(true);
    expect(decodeCursor("orders", during)).toEqual(key);

    setSecret("CursorSecret", `v2:${next}`);
    expect(decodeCursor("orders", during)).toEqual(key);
    expect(() => decodeCursor("orders", before)).toThrow(ValidationError);
    // Relabelling the old cursor as v2 does not help: its signature is v1's.
    expect(() => decodeCursor("orders", before.replace(/^v1\./, "v2."))).toThrow(ValidationError);
  });
});

describe("rotating the API key pepper", () => {
  const admin: Principal = { userId: "00000000-0000-4000-8000-00000000000a", role: "admin", username: "rotation-admin" };

  it("keeps old keys working until their version is retired; new keys use the new version", async () => {
    const [old, next] = [secret(), secret()];
    setSecret("ApiKeyPepper", old);
    const before = await ApiKeys.create(admin, { name: "made before rotation", scopes: ["orders:read"] });
    expect(before.pepperVersion).toBe("v1");
    expect(await ApiKeys.authenticate(before.secret)).toMatchObject({ keyId: before.id });

    setSecret("ApiKeyPepper", `v2:${next},v1:${old}`);
    expect(await ApiKeys.authenticate(before.secret)).toMatchObject({ keyId: before.id });
    const during = await ApiKeys.create(admin, { name: "made during rotation", scopes: ["orders:read"] });
    expect(during.pepperVersion).toBe("v2");
    expect(await ApiKeys.authenticate(during.secret)).toMatchObject({ keyId: during.id });
    // Admins can see which keys still depend on the old version before retiring it.
    const listed = await ApiKeys.list(100);
    expect(listed.items.find((item) => item.id === before.id)?.pepperVersion).toBe("v1");

    setSecret("ApiKeyPepper", `v2:${next}`);
    expect(await ApiKeys.authenticate(before.secret)).toBeUndefined();
    expect(await ApiKeys.authenticate(during.secret)).toMatchObject({ keyId: during.id });

    // Rolling back to the old version alone brings the old key back, and the new one stops.
    setSecret("ApiKeyPepper", old);
    expect(await ApiKeys.authenticate(before.secret)).toMatchObject({ keyId: before.id });
    expect(await ApiKeys.authenticate(during.secret)).toBeUndefined();
  });
});
