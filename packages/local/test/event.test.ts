import { Socket } from "node:net";
import { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { APIGatewayProxyEventV2Schema } from "@aws-lambda-powertools/parser/schemas";
import { buildEvent, decodePath, MalformedPath, newRequestId } from "../src/gateway/event";
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
      headers: {
        host: "127.0.0.1:3000",
        "user-agent": "curl/8",
        "x-multi": "1,2",
        "x-forwarded-for": "127.0.0.1",
        "x-forwarded-port": "3000",
        "x-forwarded-proto": "http",
        "x-amzn-trace-id": expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
        "content-length": "0",
      },
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
    expect(vendor).toMatchObject({ body: Buffer.from("{}").toString("base64"), isBase64Encoded: true });
  });

  it.each([
    ["text/plain", false],
    ["text/html; charset=utf-8", false],
    ["text/csv", false],
    ["application/json", false],
    ["application/javascript", false],
    ["application/xml", false],
    ["APPLICATION/JSON;charset=UTF-8", false],
    ["application/x-www-form-urlencoded", true],
    ["application/merge-patch+json", true],
    ["application/atom+xml", true],
    ["application/yaml", true],
    ["application/graphql", true],
    ["application/jsonl", true],
    ["application/octet-stream", true],
    ["multipart/form-data; boundary=x", true],
  ])("passes a %s body base64-encoded: %s", (contentType, base64) => {
    const event = buildEvent({ request: request("POST", "/x", ["Content-Type", contentType]), body: Buffer.from("a=1"), match, requestId: "r", now });
    expect(event.isBase64Encoded).toBe(base64);
    expect(event.body).toBe(base64 ? Buffer.from("a=1").toString("base64") : "a=1");
    expect(event.headers["content-length"]).toBe("3");
  });

  it("decodes rawPath and http.path the way HTTP APIs do, %2F included", () => {
    const event = buildEvent({ request: request("GET", "/products/a%2Fb%20c?x=%2F", ["Host", "h"]), body: Buffer.alloc(0), match, requestId: "r", now });
    expect(event.rawPath).toBe("/products/a/b c");
    expect(event.requestContext.http.path).toBe("/products/a/b c");
    expect(event.rawQueryString).toBe("x=%2F");
  });

  it("refuses malformed escapes as MalformedPath", () => {
    for (const path of ["/products/%E0%A4%A", "/%", "/a%ZZ", "/%C3"]) expect(() => decodePath(path)).toThrow(MalformedPath);
    expect(decodePath("/%E0%A4%A4")).toBe("/\u0924");
  });

  it("appends the caller to x-forwarded-for and keeps a caller's trace header", () => {
    const event = buildEvent({
      request: request("GET", "/x", ["X-Forwarded-For", "203.0.113.9", "X-Amzn-Trace-Id", "Root=1-5e6b4a0e-0123456789abcdef01234567"]),
      body: Buffer.alloc(0), match, requestId: "r", now,
    });
    expect(event.headers["x-forwarded-for"]).toBe("203.0.113.9, 127.0.0.1");
    expect(event.headers["x-amzn-trace-id"]).toBe("Root=1-5e6b4a0e-0123456789abcdef01234567");
    const fresh = buildEvent({ request: request("GET", "/x", []), body: Buffer.alloc(0), match, requestId: "r", now });
    expect(fresh.headers["x-amzn-trace-id"]).toMatch(new RegExp(`^Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-[0-9a-f]{24}$`));
  });

  it("builds events the Powertools parser accepts", () => {
    const events = [
      buildEvent({ request: request("GET", "/products/p1?a=1", ["Host", "h:1", "Cookie", "a=1"]), body: Buffer.alloc(0), match, requestId: "r", now }),
      buildEvent({ request: request("POST", "/x", ["Content-Type", "image/png"]), body: Buffer.from([1, 2]), match, requestId: "r", now }),
    ];
    for (const event of events) expect(APIGatewayProxyEventV2Schema.safeParse(event).error).toBeUndefined();
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
