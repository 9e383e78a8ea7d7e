import { describe, expect, it } from "vitest";
import { get } from "../support/http";
import { target } from "../support/target";

describe("health", () => {
  it("reports the table reachable, with a request id", async () => {
    const response = await get("/health");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: "ok", table: { reachable: true, latencyMs: expect.any(Number) } });
    expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(response.headers.get("apigw-requestid")).toBe(response.headers.get("x-request-id"));
  });

  it("answers unknown routes and methods as API Gateway does", async () => {
    for (const [method, path] of [["GET", "/nope"], ["DELETE", "/health"], ["GET", "/products/"], ["PATCH", "/orders"]] as const) {
      const response = await fetch(`${target.apiUrl}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ message: "Not Found" });
    }
  });
});
