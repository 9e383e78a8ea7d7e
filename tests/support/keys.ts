import { expect } from "vitest";
import { post } from "./http";
import { adminToken } from "./users";

export interface CreatedKey {
  id: string;
  secret: string;
  scopes: string[];
}

/** An API key of the test's own, created by the seeded admin through the API. */
export async function createKey(scopes: string[], limits?: { rate?: number; burst?: number; daily?: number }): Promise<CreatedKey> {
  const response = await post("/api-keys", { name: `test key ${Date.now()}`, scopes, ...(limits ? { limits } : {}) }, { token: await adminToken() });
  expect(response.status, response.text).toBe(201);
  return response.body;
}
