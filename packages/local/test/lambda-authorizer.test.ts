import { describe, expect, it } from "vitest";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { LambdaAuthorizer } from "../src/gateway";

/** A route's event carrying only what the authorizer reads: the key header and the route. */
const requestWithKey = (key: string) =>
  ({
    routeKey: "GET /partner/orders",
    rawPath: "/partner/orders",
    rawQueryString: "",
    headers: { "x-api-key": key },
    requestContext: { accountId: "000000000000", apiId: "local", stage: "$default", http: { method: "GET" } },
  }) as unknown as APIGatewayProxyEventV2;

/** An authorizer with a clock the test moves, counting its function's invocations per key. */
function authorizerWith(options: { ttlSeconds: number; maxCachedAnswers?: number }) {
  let now = 1_000_000;
  const invokedFor: string[] = [];
  const authorizer = new LambdaAuthorizer(
    { functionName: "authorizer", identitySource: ["$request.header.x-api-key"], resultsTtlSeconds: options.ttlSeconds, maxCachedAnswers: options.maxCachedAnswers },
    async (_name, event) => {
      invokedFor.push((event as { identitySource: string[] }).identitySource[0]!);
      return { isAuthorized: true, context: { key: (event as { identitySource: string[] }).identitySource[0] } };
    },
    () => now,
  );
  return { authorizer, invokedFor, advance: (ms: number) => (now += ms) };
}

describe("the API-key authorizer's answer cache", () => {
  it("answers a key seen within the TTL from the cache, with the context it cached", async () => {
    const { authorizer, invokedFor } = authorizerWith({ ttlSeconds: 300 });
    expect(await authorizer.authorize(requestWithKey("k1"))).toEqual({ status: "authorized", context: { key: "k1" }, cached: false });
    expect(await authorizer.authorize(requestWithKey("k1"))).toEqual({ status: "authorized", context: { key: "k1" }, cached: true });
    expect(invokedFor).toEqual(["k1"]);
  });

  it("drops expired answers when a new one is stored, so keys seen once do not stay for the session", async () => {
    const { authorizer, advance } = authorizerWith({ ttlSeconds: 300 });
    for (let index = 0; index < 500; index++) await authorizer.authorize(requestWithKey(`old-${index}`));
    expect(authorizer.cachedAnswers).toBe(500);
    advance(300_000);
    await authorizer.authorize(requestWithKey("new"));
    expect(authorizer.cachedAnswers).toBe(1);
  });

  it("keeps answers not yet expired when it drops expired ones", async () => {
    const { authorizer, advance, invokedFor } = authorizerWith({ ttlSeconds: 300 });
    await authorizer.authorize(requestWithKey("early"));
    advance(200_000);
    await authorizer.authorize(requestWithKey("later"));
    advance(150_000); // "early" expired 50 s ago, "later" has 50 s left
    await authorizer.authorize(requestWithKey("third"));
    expect(authorizer.cachedAnswers).toBe(2);
    expect((await authorizer.authorize(requestWithKey("later"))).status).toBe("authorized");
    expect(invokedFor).toEqual(["early", "later", "third"]);
  });

  it("asks the function again for an expired key and holds one answer for it, not two", async () => {
    const { authorizer, advance, invokedFor } = authorizerWith({ ttlSeconds: 300 });
    await authorizer.authorize(requestWithKey("k1"));
    advance(300_001);
    expect(await authorizer.authorize(requestWithKey("k1"))).toMatchObject({ cached: false });
    expect(invokedFor).toEqual(["k1", "k1"]);
    expect(authorizer.cachedAnswers).toBe(1);
    expect(await authorizer.authorize(requestWithKey("k1"))).toMatchObject({ cached: true });
  });

  it("holds at most its cap of answers within the TTL, dropping the oldest first", async () => {
    const { authorizer, invokedFor } = authorizerWith({ ttlSeconds: 300, maxCachedAnswers: 50 });
    for (let index = 0; index < 200; index++) await authorizer.authorize(requestWithKey(`key-${index}`));
    expect(authorizer.cachedAnswers).toBe(50);
    expect(await authorizer.authorize(requestWithKey("key-199"))).toMatchObject({ cached: true });
    expect(await authorizer.authorize(requestWithKey("key-150"))).toMatchObject({ cached: true });
    expect(await authorizer.authorize(requestWithKey("key-149"))).toMatchObject({ cached: false });
    expect(invokedFor).toHaveLength(201);
    expect(authorizer.cachedAnswers).toBe(50);
  });

  it("caps at 10,000 answers by default", async () => {
    const { authorizer } = authorizerWith({ ttlSeconds: 300 });
    for (let index = 0; index < 10_050; index++) await authorizer.authorize(requestWithKey(`key-${index}`));
    expect(authorizer.cachedAnswers).toBe(10_000);
  });

  it("caches nothing with a TTL of 0", async () => {
    const { authorizer, invokedFor } = authorizerWith({ ttlSeconds: 0 });
    await authorizer.authorize(requestWithKey("k1"));
    await authorizer.authorize(requestWithKey("k1"));
    expect(invokedFor).toEqual(["k1", "k1"]);
    expect(authorizer.cachedAnswers).toBe(0);
  });
});
