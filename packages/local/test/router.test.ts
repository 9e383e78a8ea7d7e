import { describe, expect, it } from "vitest";
import { Router } from "../src/gateway/router";

const router = new Router<string>()
  .add("GET /products", "list")
  .add("GET /products/{id}", "get")
  .add("GET /products/featured", "featured")
  .add("POST /orders/{id}/cancel", "cancel")
  .add("ANY /files/{proxy+}", "files")
  .add("GET /files/{proxy+}", "files-get")
  .add("GET /files/readme", "readme");

describe("local gateway route selection (API Gateway HTTP API rules)", () => {
  it("matches literal paths and methods", () => {
    expect(router.match("GET", "/products")?.target).toBe("list");
    expect(router.match("POST", "/products")).toBeUndefined();
  });

  it("prefers literal segments over parameters", () => {
    expect(router.match("GET", "/products/featured")?.target).toBe("featured");
    const match = router.match("GET", "/products/01ARZ3NDEKTSV4RRFFQ69G5FAV");
    expect(match).toEqual({ routeKey: "GET /products/{id}", target: "get", pathParameters: { id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" } });
  });

  it("takes parameters from the decoded path as is and refuses empty ones", () => {
    expect(router.match("GET", "/products/a b")?.pathParameters).toEqual({ id: "a b" });
    // The gateway decodes before routing, so a decoded %25 is not decoded twice.
    expect(router.match("GET", "/products/100%")?.pathParameters).toEqual({ id: "100%" });
    expect(router.match("GET", "/products/")).toBeUndefined();
  });

  it("matches nested parameters", () => {
    expect(router.match("POST", "/orders/42/cancel")?.pathParameters).toEqual({ id: "42" });
    expect(router.match("POST", "/orders/42/cancel/now")).toBeUndefined();
  });

  it("uses greedy routes last, and an exact method over ANY", () => {
    expect(router.match("GET", "/files/readme")?.target).toBe("readme");
    expect(router.match("GET", "/files/a/b/c")).toMatchObject({ target: "files-get", pathParameters: { proxy: "a/b/c" } });
    expect(router.match("DELETE", "/files/a/b")?.target).toBe("files");
    expect(router.match("GET", "/files")).toBeUndefined();
  });

  it("falls back to $default when nothing else matches", () => {
    const withDefault = new Router<string>().add("GET /a", "a").add("$default", "default");
    expect(withDefault.match("GET", "/a")?.target).toBe("a");
    expect(withDefault.match("PUT", "/zzz")).toEqual({ routeKey: "$default", target: "default", pathParameters: {} });
  });
});
