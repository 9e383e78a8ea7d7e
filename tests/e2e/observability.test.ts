import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { get, post } from "../support/http";
import { newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { offlineOnly } from "../support/target";

/** What the functions log, read back from the stack's captured output. */
function linesOf(fn: string): Record<string, any>[] {
  return readFileSync(inject("stack").logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith(`[fn:${fn}] {`))
    .map((line) => JSON.parse(line.slice(line.indexOf("{"))));
}

describe("observability", offlineOnly, () => {
  it("logs one structured line per request with request id, correlation id and cold start", async () => {
    const response = await get("/products?limit=1", { headers: { "x-correlation-id": "trace-me-123" } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const line = linesOf("ProductsList").find((entry) => entry.requestId === response.headers.get("x-request-id"));
    expect(line).toMatchObject({ level: "INFO", message: "request completed", correlationId: "trace-me-123", route: "GET /products", status: 200, cold_start: expect.any(Boolean), service: "emporium-api" });
  });

  it("emits EMF business metrics: orders placed, with their revenue, once per order", async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 5 });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    const placedCount = () => linesOf("OrdersPlace").filter((entry) => entry._aws && entry.OrdersPlaced === 1).length;
    const before = placedCount();
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 2 }] }, { token: user.accessToken });
    expect(placed.status).toBe(201);
    await settle();
    expect(placedCount()).toBe(before + 1);
    const emf = linesOf("OrdersPlace").filter((entry) => entry._aws);
    const business = emf.find((entry) => entry.OrdersPlaced === 1 && entry.currency === "EUR");
    expect(business?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: "Emporium", Dimensions: [expect.arrayContaining(["currency"])] });
    expect(emf.some((entry) => entry.Revenue === placed.body.total.amount)).toBe(true);

    // Refused orders count nothing.
    expect((await post("/orders", { lines: [] }, { token: user.accessToken })).status).toBe(422);
    await settle();
    expect(placedCount()).toBe(before + 1);
  });
});
