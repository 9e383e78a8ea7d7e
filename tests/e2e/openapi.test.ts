import { describe, expect, it } from "vitest";
import { routeEntries } from "@emporium/functions/manifest";
import { get } from "../support/http";
import { conformance } from "../support/openapi";

describe("OpenAPI document and docs page", () => {
  it("serves an OpenAPI 3.1 document with every route of the manifest, its auth and its schemas", async () => {
    const response = await get("/openapi.json");
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const [routeKey, spec] of routeEntries()) {
      const [method, path] = routeKey.split(" ") as [string, string];
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation, routeKey).toBeDefined();
      expect(operation.operationId).toBe(spec.name);
      const expectedSecurity = spec.auth === "public" ? [] : spec.auth === "apiKey" ? [{ apiKey: [] }] : [{ cognito: [] }];
      expect(operation.security, routeKey).toEqual(expectedSecurity);
      expect(Object.keys(operation.responses), routeKey).toEqual(expect.arrayContaining(["4XX", "5XX"]));
    }
    // Request schemas come from the handlers' own valibot schemas.
    const placeOrder = document.paths["/orders"].post.requestBody.content["application/json"].schema;
    expect(placeOrder.properties.lines.items.required).toEqual(["productId", "quantity"]);
    expect(placeOrder.properties.lines.maxItems).toBe(25);
    expect(placeOrder.additionalProperties).toBe(false);

    // Cookie sessions are in the contract the web app's typed client is generated from.
    const body = (path: string) => document.paths[path].post.requestBody.content["application/json"].schema;
    expect(body("/auth/login").properties.session).toEqual({ const: "cookie" });
    expect(body("/auth/login").required).toEqual(["email", "password"]);
    for (const path of ["/auth/refresh", "/auth/logout"]) {
      expect(body(path).anyOf.map((option: { required: string[] }) => option.required), path).toEqual([["refreshToken"], ["session"]]);
      expect(document.paths[path].post.parameters, path).toContainEqual(expect.objectContaining({ name: "emporium_refresh", in: "cookie", required: false }));
    }
    expect(document.paths["/auth/login"].post.responses["200"].headers["Set-Cookie"].description).toMatch(
      /HttpOnly; Secure; SameSite=Strict; .*\/api\/auth\/refresh and \/api\/auth\/logout/,
    );
    expect(document.paths["/auth/logout"].post.responses["204"].headers["Set-Cookie"].description).toMatch(/Max-Age=0/);
    expect(body("/auth/resend-confirmation").required).toEqual(["email"]);
  });

  it("serves a browsable page listing every operation", async () => {
    const response = await get("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    for (const [routeKey] of routeEntries()) {
      const [, path] = routeKey.split(" ") as [string, string];
      expect(response.text).toContain(`<code>${path.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</code>`);
    }
  });

  it("is strict enough that a wrong response would fail the tests that check against it", () => {
    const url = "http://127.0.0.1:1/products";
    expect(conformance("GET", url, 200, "application/json", JSON.stringify({ items: [], cursor: null }))).toBeUndefined();
    expect(conformance("GET", url, 200, "application/json", JSON.stringify({ items: "none" }))).toMatch(/items/);
    expect(conformance("GET", url, 201, "application/json", "{}")).toMatch(/status not documented/);
    expect(conformance("GET", url, 422, "application/problem+json", JSON.stringify({ title: "x" }))).toBeDefined();
    expect(conformance("GET", "http://127.0.0.1:1/nowhere", 200, "application/json", "{}")).toMatch(/not in the document/);
  });
});
