import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, toHttpResponse } from "../src/gateway/result";

describe("payload 2.0 response mapping", () => {
  it("turns a plain object into a 200 JSON response", () => {
    const response = toHttpResponse({ hello: "world" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(response.body.toString())).toEqual({ hello: "world" });
  });

  it("passes a string through as the body of a 200", () => {
    expect(toHttpResponse("hi").body.toString()).toBe("hi");
  });

  it("honours statusCode, headers, cookies and base64 bodies", () => {
    const response = toHttpResponse({
      statusCode: 201,
      headers: { "X-Custom": "1", "Content-Type": "image/png" },
      cookies: ["a=1; Path=/", "b=2"],
      body: Buffer.from([0, 1, 2, 255]).toString("base64"),
      isBase64Encoded: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers).toMatchObject({ "x-custom": "1", "content-type": "image/png", "set-cookie": ["a=1; Path=/", "b=2"] });
    expect([...response.body]).toEqual([0, 1, 2, 255]);
  });

  it("reports an invalid status code or an oversized body as API Gateway's 500", () => {
    expect(toHttpResponse({ statusCode: 99 }).status).toBe(500);
    expect(toHttpResponse({ statusCode: "abc" }).status).toBe(500);
    const huge = toHttpResponse({ statusCode: 200, body: "x".repeat(MAX_RESPONSE_BYTES + 1) });
    expect(huge.status).toBe(500);
    expect(JSON.parse(huge.body.toString())).toEqual({ message: "Internal Server Error" });
  });
});
