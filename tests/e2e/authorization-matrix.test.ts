import { CreateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, describe, expect, it } from "vitest";
import { routeEntries, type Auth } from "@emporium/functions/manifest";
import { call } from "../support/http";
import { adminToken, cognito, customerToken, signIn, testUser, tokensFor } from "../support/users";
import { createKey } from "../support/keys";
import { expired, tamperSignature } from "../support/tokens";
import { remote, target } from "../support/target";

/**
 * Every route of the manifest × every kind of credential, with the status each cell must get.
 * Generated from the manifest, so a new route is covered the day it is added. "pass" means
 * the credential got through (the route then answers on its own terms: 2xx, 404 for the
 * made-up ids used here, 415 for the missing bodies), never 401, 403 or 5xx.
 */
type Expectation = 401 | 403 | "pass";
type Credential =
  | "none"
  | "malformed token"
  | "bad signature"
  | "expired token"
  | "other client's token"
  | "id token"
  | "customer"
  | "admin"
  | "valid key"
  | "revoked key";

const expected: Record<Credential, Record<Auth, Expectation>> = {
  none: { public: "pass", user: 401, admin: 401, apiKey: 401 },
  "malformed token": { public: "pass", user: 401, admin: 401, apiKey: 401 },
  "bad signature": { public: "pass", user: 401, admin: 401, apiKey: 401 },
  "expired token": { public: "pass", user: 401, admin: 401, apiKey: 401 },
  "other client's token": { public: "pass", user: 401, admin: 401, apiKey: 401 },
  "id token": { public: "pass", user: 401, admin: 401, apiKey: 401 },
  customer: { public: "pass", user: "pass", admin: 403, apiKey: 401 },
  admin: { public: "pass", user: "pass", admin: "pass", apiKey: 401 },
  "valid key": { public: "pass", user: 401, admin: 401, apiKey: "pass" },
  "revoked key": { public: "pass", user: 401, admin: 401, apiKey: 403 },
};

const headers = {} as Record<Credential, Record<string, string>>;

beforeAll(async () => {
  const customer = await customerToken();
  const { idToken } = await tokensFor("customer@example.com");
  const client = cognito();
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({ UserPoolId: target.userPoolId, ClientName: "matrix-other-app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }),
  );
  client.destroy();
  const seeded = testUser("customer@example.com");
  const foreign = await signIn(seeded.email, seeded.password, UserPoolClient!.ClientId!);
  const key = await createKey(["orders:read", "stock:write"]);
  const revoked = await createKey(["orders:read", "stock:write"]);
  expect((await call("DELETE", `/api-keys/${revoked.id}`, { token: await adminToken() })).status).toBe(200);

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  Object.assign(headers, {
    none: {},
    "malformed token": bearer("not-a-jwt"),
    "bad signature": bearer(tamperSignature(customer)),
    // Only the emulator's key can sign an expired token; remote runs leave this credential out (below).
    "expired token": remote ? {} : bearer(expired(customer)),
    "other client's token": bearer(foreign.accessToken),
    "id token": bearer(idToken),
    customer: bearer(customer),
    admin: bearer(await adminToken()),
    "valid key": { "x-api-key": key.secret },
    "revoked key": { "x-api-key": revoked.secret },
  } satisfies Record<Credential, Record<string, string>>);
});

const concrete = (routeKey: string) => {
  const [method, path] = routeKey.split(" ") as [string, string];
  const id = path.startsWith("/users") ? "00000000-0000-4000-8000-000000000000" : "01ARZ3NDEKTSV4RRFFQ69G5FAV";
  // Query parameters some list routes require, so "pass" cells exercise the route itself.
  const query = path === "/orders" || path === "/partner/orders" ? "?status=PENDING" : "";
  return { method, path: path.replace("{id}", id) + query };
};

describe("authorization matrix (generated from the manifest)", () => {
  const credentials = (Object.keys(expected) as Credential[]).filter((credential) => !(remote && credential === "expired token"));
  it.each(routeEntries().map(([routeKey, spec]) => [routeKey, spec.auth] as const))("%s (%s)", async (routeKey, auth) => {
    const { method, path } = concrete(routeKey);
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const credential of credentials) {
      const response = await call(method, path, { headers: headers[credential] });
      const want = expected[credential][auth];
      const got = response.status === 401 || response.status === 403 ? response.status : response.status >= 500 || response.status === 429 ? response.status : "pass";
      outcomes.push(`${credential}: ${got}`);
      wanted.push(`${credential}: ${want}`);
    }
    expect(outcomes).toEqual(wanted);
  });
});
