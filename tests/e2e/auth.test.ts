import { CreateUserPoolClientCommand } from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, describe, expect, it } from "vitest";
import { routeEntries } from "@emporium/functions/manifest";
import { call, get, post } from "../support/http";
import { cognito, customerToken, newUser, signIn, testUser, tokensFor } from "../support/users";
import { expired, resignWithStrangerKey, tamperPayload, tamperSignature } from "../support/tokens";
import { createProduct } from "../support/catalogue";
import { offlineOnly, target } from "../support/target";

/** A concrete request for every route in the manifest, with a syntactically valid id. */
const someId = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const protectedRoutes = routeEntries().filter(([, spec]) => spec.auth !== "public");
const adminRoutes = routeEntries().filter(([, spec]) => spec.auth === "admin");
const concrete = (routeKey: string) => {
  const [method, path] = routeKey.split(" ") as [string, string];
  return { method, path: path.replace("{id}", someId) };
};

describe("JWT authorizer (local API Gateway)", () => {
  let valid: string;
  let strangerSigned: string;
  beforeAll(async () => {
    valid = await customerToken();
    strangerSigned = resignWithStrangerKey(valid);
  });

  it("accepts a valid access token", async () => {
    const response = await get("/me", { token: valid });
    expect(response.status).toBe(200);
    expect(response.body.email).toBe("customer@example.com");
  });

  const refusals: [string, () => Promise<Record<string, string>>][] = [
    ["no Authorization header", async () => ({})],
    ["an empty bearer", async () => ({ authorization: "Bearer " })],
    ["a malformed token", async () => ({ authorization: "Bearer not.a.jwt" })],
    ["a bad signature", async () => ({ authorization: `Bearer ${tamperSignature(valid)}` })],
    ["a payload edited after signing", async () => ({ authorization: `Bearer ${tamperPayload(valid, { "cognito:groups": ["admin"] })}` })],
    ["a token signed by another key", async () => ({ authorization: `Bearer ${strangerSigned}` })],
    ["an expired token", async () => ({ authorization: `Bearer ${expired(valid)}` })],
  ];

  for (const [name, headers] of refusals) {
    // Only the emulator's key can sign an expired token.
    it(`refuses ${name} on every protected route with API Gateway's 401`, name === "an expired token" ? offlineOnly : {}, async () => {
      for (const [routeKey] of protectedRoutes) {
        const { method, path } = concrete(routeKey);
        const response = await call(method, path, { headers: await headers() });
        expect(response.status, `${routeKey}`).toBe(401);
        expect(response.body).toEqual({ message: "Unauthorized" });
      }
    });
  }

  it("refuses a token issued to another app client of the same pool", async () => {
    const { userPoolId } = target;
    const client = cognito();
    const { UserPoolClient } = await client.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "other-app", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] }),
    );
    client.destroy();
    const customer = testUser("customer@example.com");
    const foreign = await signIn(customer.email, customer.password, UserPoolClient!.ClientId!);
    expect((await get("/me", { token: foreign.accessToken })).status).toBe(401);
  });

  it("passes an id token through the authorizer (as AWS does) but the API refuses it", async () => {
    const { idToken } = await tokensFor("customer@example.com");
    const response = await get("/me", { token: idToken });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses customers on every admin route with 403 and writes nothing", async () => {
    const product = await createProduct({ stock: 5 });
    for (const [routeKey] of adminRoutes) {
      const { method, path } = concrete(routeKey);
      const response = await call(method, path.replace(someId, product.id), {
        token: valid,
        json: method === "GET" || method === "DELETE" ? undefined : { name: "x", price: { amount: 1, currency: "EUR" }, stock: 1 },
      });
      expect(response.status, routeKey).toBe(403);
      expect(response.body.title).toBe("Forbidden");
    }
    const after = await get(`/products/${product.id}`);
    expect(after.body).toEqual(product);
  });

  it("hides another user's order behind a 404 and lets neither read nor cancel it", offlineOnly, async () => {
    const product = await createProduct({ stock: 5 });
    const owner = await newUser();
    const intruder = await newUser();
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: owner.accessToken });
    expect(placed.status).toBe(201);
    const read = await get(`/orders/${placed.body.id}`, { token: intruder.accessToken });
    expect(read.status).toBe(404);
    const cancel = await post(`/orders/${placed.body.id}/cancel`, undefined, { token: intruder.accessToken });
    expect(cancel.status).toBe(404);
    const mine = await get("/me/orders", { token: intruder.accessToken });
    expect(mine.body.items).toEqual([]);
    expect((await get(`/orders/${placed.body.id}`, { token: owner.accessToken })).body.status).toBe("PENDING");
  });
});
