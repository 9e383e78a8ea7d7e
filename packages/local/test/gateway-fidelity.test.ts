import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIGatewayProxyEventV2Schema, APIGatewayRequestAuthorizerEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import { LambdaAuthorizer, startGateway, type Gateway } from "../src/gateway";
import { Unauthorized } from "../src/gateway/authorizer";

/** Records what each function received, and answers the authorizer with whatever `answer` says. */
const received: { functionName: string; event: any }[] = [];
let answer: unknown = { isAuthorized: true };
const invoke = async (functionName: string, event: unknown) => {
  received.push({ functionName, event });
  return functionName === "authorizer" ? answer : { statusCode: 200, body: "ok" };
};
const authorizer = new LambdaAuthorizer({ functionName: "authorizer", identitySource: ["$request.header.x-api-key"], resultsTtlSeconds: 0, region: "eu-west-1" }, invoke);

let gateway: Gateway;
beforeAll(async () => {
  gateway = await startGateway({
    port: 0,
    routes: [
      { routeKey: "GET /files/{name}", functionName: "file", authorizer: "none" },
      { routeKey: "GET /files/{dir}/{name}", functionName: "nested", authorizer: "none" },
      { routeKey: "GET /keys/{id}", functionName: "keyed", authorizer },
    ],
    invoke,
    authorizeJwt: async () => {
      throw new Unauthorized();
    },
  });
});
afterAll(() => gateway.close());

const last = (functionName: string) => received.filter((entry) => entry.functionName === functionName).at(-1)?.event;

describe("local gateway fidelity", () => {
  it("decodes %2F before routing, so it splits segments", async () => {
    const response = await fetch(`${gateway.url}/files/a%2Fb`);
    expect(response.status).toBe(200);
    const event = last("nested");
    expect(event.rawPath).toBe("/files/a/b");
    expect(event.requestContext.http.path).toBe("/files/a/b");
    expect(event.pathParameters).toEqual({ dir: "a", name: "b" });
    expect(APIGatewayProxyEventV2Schema.safeParse(event).error).toBeUndefined();
  });

  it("answers a malformed escape with API Gateway's 400 and invokes nothing", async () => {
    const before = received.length;
    const response = await fetch(`${gateway.url}/files/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Bad Request" });
    expect(received.length).toBe(before);
  });

  it("sends the headers API Gateway adds", async () => {
    await fetch(`${gateway.url}/files/x`);
    const headers = last("file").headers;
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-port"]).toBe(new URL(gateway.url).port);
    expect(headers["x-forwarded-proto"]).toBe("http");
    expect(headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(headers["content-length"]).toBe("0");
  });

  it("gives lambda: null when the authorizer allows without a context", async () => {
    answer = { isAuthorized: true };
    expect((await fetch(`${gateway.url}/keys/k1`, { headers: { "x-api-key": "secret" } })).status).toBe(200);
    expect(last("keyed").requestContext.authorizer).toEqual({ lambda: null });
    answer = { isAuthorized: true, context: { keyId: "k1" } };
    await fetch(`${gateway.url}/keys/k1`, { headers: { "x-api-key": "secret" } });
    expect(last("keyed").requestContext.authorizer).toEqual({ lambda: { keyId: "k1" } });
  });

  it("sends the authorizer an event without empty collections and with AWS's routeArn", async () => {
    answer = { isAuthorized: true };
    await fetch(`${gateway.url}/keys/k1`, { headers: { "x-api-key": "secret" } });
    const bare = last("authorizer");
    for (const field of ["cookies", "queryStringParameters", "stageVariables"]) expect(bare).not.toHaveProperty(field);
    expect(bare.pathParameters).toEqual({ id: "k1" });
    expect(bare.routeArn).toBe("arn:aws:execute-api:eu-west-1:000000000000:local/$default/GET/keys/k1");
    expect(bare.identitySource).toEqual(["secret"]);
    expect(APIGatewayRequestAuthorizerEventV2Schema.safeParse(bare).error).toBeUndefined();

    await fetch(`${gateway.url}/keys/k1?a=1`, { headers: { "x-api-key": "secret", cookie: "c=1" } });
    const full = last("authorizer");
    expect(full.queryStringParameters).toEqual({ a: "1" });
    expect(full.cookies).toEqual(["c=1"]);
    expect(APIGatewayRequestAuthorizerEventV2Schema.safeParse(full).error).toBeUndefined();
  });
});
