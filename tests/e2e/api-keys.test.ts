import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { call, get } from "../support/http";
import { adminToken, customerToken } from "../support/users";
import { createKey } from "../support/keys";
import { createProduct } from "../support/catalogue";
import { offlineOnly, offlineStack } from "../support/target";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

const withKey = (secret: string) => ({ headers: { "x-api-key": secret } });

async function tableContains(text: string): Promise<boolean> {
  const { endpoints, tableName } = offlineStack("Reading the table");
  const client = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  let startKey: Record<string, any> | undefined;
  try {
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
      if (JSON.stringify(page.Items ?? []).includes(text)) return true;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return false;
  } finally {
    client.destroy();
  }
}

describe("API keys", () => {
  it("shows the secret once, stores only its hash, and lists keys without secrets", offlineOnly, async () => {
    const key = await createKey(["orders:read"]);
    expect(key.secret).toMatch(/^emp_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ scopes: ["orders:read"], limits: { rate: 50, burst: 100, daily: 10_000 }, revokedAt: null });
    expect(await tableContains(key.secret)).toBe(false);
    expect(await tableContains(key.secret.slice(4))).toBe(false);

    const listed = await get("/api-keys?limit=100", { token: await adminToken() });
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((item: { id: string }) => item.id === key.id);
    expect(mine).toMatchObject({ id: key.id, prefix: key.secret.slice(0, 8) });
    expect(JSON.stringify(listed.body)).not.toContain(key.secret);
    expect(mine.secret).toBeUndefined();
  });

  it("authorizes machine routes by scope, and only machine routes", async () => {
    const reader = await createKey(["orders:read"]);
    const stocker = await createKey(["stock:write"]);
    const product = await createProduct({ stock: 3 });

    const orders = await get("/partner/orders?status=PENDING", withKey(reader.secret));
    expect(orders.status).toBe(200);
    expect(orders.headers.get("ratelimit-limit")).toBe("100");

    const stock = await call("PUT", `/partner/products/${product.id}/stock`, { ...withKey(stocker.secret), json: { stock: 42 } });
    expect(stock.status).toBe(200);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(42);

    // Wrong scope: the authorizer admits the key, the route refuses it.
    expect((await get("/partner/orders?status=PENDING", withKey(stocker.secret))).status).toBe(403);
    expect((await call("PUT", `/partner/products/${product.id}/stock`, { ...withKey(reader.secret), json: { stock: 1 } })).status).toBe(403);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(42);

    // A key is no user credential.
    expect((await get("/me", withKey(reader.secret))).status).toBe(401);
    expect((await get("/orders?status=PENDING", withKey(reader.secret))).status).toBe(401);
    // Nor is a user token a key.
    expect((await get("/partner/orders?status=PENDING", { token: await adminToken() })).status).toBe(401);
  });

  it("refuses unknown and malformed keys with API Gateway's 403", async () => {
    for (const secret of ["emp_" + "A".repeat(43), "nonsense", "emp_short"]) {
      const response = await get("/partner/orders?status=PENDING", withKey(secret));
      expect(response.status, secret).toBe(403);
      expect(response.body).toEqual({ message: "Forbidden" });
    }
  });

  it("revokes a key at once, even while the authorizer's answer is cached", async () => {
    const key = await createKey(["orders:read"]);
    expect((await get("/partner/orders?status=PENDING", withKey(key.secret))).status).toBe(200);

    const revoked = await call("DELETE", `/api-keys/${key.id}`, { token: await adminToken() });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));

    // The gateway still holds the authorizer's "yes" for this key (TTL 300 s), so the refusal
    // comes from the route's own check: a problem document, not the gateway's message.
    const after = await get("/partner/orders?status=PENDING", withKey(key.secret));
    expect(after.status).toBe(403);
    expect(after.headers.get("content-type")).toBe("application/problem+json");
    expect(after.body.detail).toMatch(/revoked/);

    expect((await call("DELETE", "/api-keys/01ARZ3NDEKTSV4RRFFQ69G5FAV", { token: await adminToken() })).status).toBe(404);
  });

  it("is managed by admins only, with validated input", async () => {
    const customer = await customerToken();
    expect((await call("POST", "/api-keys", { token: customer, json: { name: "x", scopes: ["orders:read"] } })).status).toBe(403);
    expect((await get("/api-keys", { token: customer })).status).toBe(403);
    const admin = await adminToken();
    for (const body of [
      { name: "x", scopes: [] },
      { name: "x", scopes: ["admin"] },
      { name: "", scopes: ["orders:read"] },
      { name: "x", scopes: ["orders:read"], limits: { rate: -1 } },
      { name: "x", scopes: ["orders:read"], secret: "emp_chosen" },
    ]) {
      expect((await call("POST", "/api-keys", { token: admin, json: body })).status, JSON.stringify(body)).toBe(422);
    }
  });
});
