import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { functionLines, requestsLogged } from "../support/logs";
import { offlineOnly } from "../support/target";

describe("observability", offlineOnly, () => {
  it("logs one structured line per request with request id, correlation id and cold start", async () => {
    const response = await get("/products?limit=1", { headers: { "x-correlation-id": "trace-me-123" } });
    const [line] = await requestsLogged("ProductsList", response);
    expect(line).toMatchObject({ level: "INFO", message: "request completed", correlationId: "trace-me-123", route: "GET /products", status: 200, cold_start: expect.any(Boolean), service: "emporium-api" });
  });

  it("emits EMF business metrics: orders placed, with their revenue, once per order", async () => {
    const user = await newUser();
    const product = await createProduct({ stock: 5 });
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 2 }] }, { token: user.accessToken });
    expect(placed.status).toBe(201);
    await requestsLogged("OrdersPlace", placed);
    const metricsOf = (orderId: string) => functionLines("OrdersPlace").filter((entry) => entry._aws && entry.orderId === orderId);
    const [metric, ...more] = metricsOf(placed.body.id);
    expect(more, "one metric line per order").toEqual([]);
    expect(metric).toMatchObject({ OrdersPlaced: 1, Revenue: placed.body.total.amount, currency: "EUR" });
    expect(metric!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: "Emporium", Dimensions: [expect.arrayContaining(["currency"])] });

    // Refused orders count nothing: once each refused request has logged its last line, none of
    // the lines OrdersPlace wrote after the placed order's is a metric.
    const empty = await post("/orders", { lines: [] }, { token: user.accessToken });
    expect(empty.status).toBe(422);
    const tooMany = await post("/orders", { lines: [{ productId: product.id, quantity: 4 }] }, { token: user.accessToken });
    expect(tooMany.status).toBe(409);
    await requestsLogged("OrdersPlace", empty, tooMany);
    const lines = functionLines("OrdersPlace");
    const endOf = (response: typeof placed) => lines.findIndex((entry) => entry.message === "request completed" && entry.requestId === response.headers.get("x-request-id"));
    const [placedEnd, refusedEnd] = [endOf(placed), Math.max(endOf(empty), endOf(tooMany))];
    expect(refusedEnd).toBeGreaterThan(placedEnd);
    expect(lines.slice(placedEnd + 1, refusedEnd + 1).filter((entry) => entry._aws)).toEqual([]);
  });
});
