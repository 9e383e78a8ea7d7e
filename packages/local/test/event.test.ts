import { Socket } from "node:net";
import { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { buildEvent, newRequestId } from "../src/gateway/event";
import { flattenClaims } from "../src/gateway/authorizer";

function request(method: string, url: string, rawHeaders: string[]): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: "::ffff:127.0.0.1" });
  const message = new IncomingMessage(socket);
  message.method = method;
  message.url = url;
  message.httpVersion = "1.1";
  message.rawHeaders = rawHeaders;
  return message;
}

const match = { routeKey: "GET /products/{id}", target: "x", pathParameters: { id: "p1" } };
const now = new Date("2026-03-12T19:03:58.123Z");

describe("payload 2.0 events built by the local gateway", () => {
  it("has every field API Gateway sets, in its formats", () => {
    const event = buildEvent({
      request: request("GET", "/products/p1?tag=a&tag=b&q=x%20y", [
        "Host", "127.0.0.1:3000", "User-Agent", "curl/8", "X-Multi", "1", "X-Multi", "2", "Cookie", "a=1; b=2",
      ]),
      body: Buffer.alloc(0),
      match,
      requestId: "JKJaXmPLvHcESHA=",
      now,
    });
    expect(event).toEqual({
      version: "2.0",
      routeKey: "GET /products/{id}",
      rawPath: "/products/p1",
      rawQueryString: "tag=a&tag=b&q=x%20y",
      cookies: ["a=1", "b=2"],
      headers: { host: "127.0.0.1:3000", "user-agent": "curl/8", "x-multi": "1,2" },
      queryStringParameters: { tag: "a,b", q: "x y" },
      requestContext: {
        accountId: "000000000000",
        apiId: "local",
        domainName: "127.0.0.1:3000",
        domainPrefix: "127",
        http: { method: "GET", path: "/products/p1", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "curl/8" },
        requestId: "JKJaXmPLvHcESHA=",
        routeKey: "GET /products/{id}",
        stage: "$default",
        time: "12/Mar/2026:19:03:58 +0000",
        timeEpoch: now.getTime(),
      },
      pathParameters: { id: "p1" },
      isBase64Encoded: false,
    });
  });

  it("passes text bodies as text and everything else as base64", () => {
    const json = buildEvent({ request: request("POST", "/x", ["Content-Type", "application/json; charset=utf-8"]), body: Buffer.from('{"a":1}'), match, requestId: "r", now });
    expect(json).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    const binary = buildEvent({ request: request("POST", "/x", ["Content-Type", "image/png"]), body: Buffer.from([137, 80]), match, requestId: "r", now });
    expect(binary).toMatchObject({ body: Buffer.from([137, 80]).toString("base64"), isBase64Encoded: true });
    const vendor = buildEvent({ request: request("POST", "/x", ["Content-Type", "application/problem+json"]), body: Buffer.from("{}"), match, requestId: "r", now });
    expect(vendor.isBase64Encoded).toBe(false);
  });

  it("makes request ids shaped like API Gateway's", () => {
    const ids = new Set(Array.from({ length: 100 }, newRequestId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it("flattens JWT claims to strings the way the JWT authorizer does", () => {
    expect(flattenClaims({ sub: "s", exp: 1700000000, email_verified: true, "cognito:groups": ["admin", "customer"], nested: { a: 1 } } as never)).toEqual({
      sub: "s",
      exp: "1700000000",
      email_verified: "true",
      "cognito:groups": "[admin customer]",
      nested: '{"a":1}',
    });
  });
});
