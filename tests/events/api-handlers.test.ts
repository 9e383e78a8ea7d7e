import { describe, expect, it, inject } from "vitest";
import { handler as getProduct } from "@emporium/functions/products/get";
import { handler as listProducts } from "@emporium/functions/products/list";
import { handler as placeOrder } from "@emporium/functions/orders/place";
import { handler as getOrder } from "@emporium/functions/orders/get";
import { handler as getMe } from "@emporium/functions/me/get";
import { handler as createProduct } from "@emporium/functions/products/create";
import { claimsOf } from "../support/tokens";
import { get } from "../support/http";
import { newUser } from "../support/users";
import { createProduct as createViaApi } from "../support/catalogue";
import { accessClaims, apiEvent, context } from "./api-events";

/**
 * The handlers, invoked directly with events shaped as AWS sends them, answer exactly as they
 * do behind the local gateway.
 */
const stack = () => inject("stack");

describe("handlers under AWS-shaped payload 2.0 events", () => {
  it("GET /products/{id} answers as through the gateway", async () => {
    const product = await createViaApi();
    const direct = await getProduct(apiEvent("GET /products/{id}", { path: `/products/${product.id}`, pathParameters: { id: product.id } }), context);
    const viaGateway = await get(`/products/${product.id}`);
    expect(direct.statusCode).toBe(viaGateway.status);
    expect(JSON.parse(direct.body!)).toEqual(viaGateway.body);
    expect(direct.headers["x-request-id"]).toBe("C3uJ4i4SjoEEMqg=");
    expect(direct.headers["content-type"]).toBe(viaGateway.headers.get("content-type"));
  });

  it("GET /products with query parameters pages like the gateway", async () => {
    const direct = await listProducts(apiEvent("GET /products", { path: "/products", queryStringParameters: { limit: "2" } }), context);
    const viaGateway = await get("/products?limit=2");
    expect(direct.statusCode).toBe(200);
    expect(JSON.parse(direct.body!).items).toEqual(viaGateway.body.items);
  });

  it("POST /orders reads the caller from stringified authorizer claims", async () => {
    const user = await newUser();
    const claims = claimsOf(user.accessToken) as { sub: string; username: string };
    const product = await createViaApi({ stock: 3 });
    const event = apiEvent("POST /orders", {
      path: "/orders",
      body: { lines: [{ productId: product.id, quantity: 2 }] },
      claims: accessClaims(claims.sub, claims.username, ["customer"], stack().clientId, stack().issuer),
    });
    const direct = await placeOrder(event, context);
    expect(direct.statusCode).toBe(201);
    const order = JSON.parse(direct.body!);
    expect(order.userId).toBe(claims.sub);

    const viaGateway = await get(`/orders/${order.id}`, { token: user.accessToken });
    expect(viaGateway.body).toEqual(order);
    const directRead = await getOrder(
      apiEvent("GET /orders/{id}", { path: `/orders/${order.id}`, pathParameters: { id: order.id }, claims: event.requestContext.authorizer.jwt.claims as Record<string, string> }),
      context,
    );
    expect(JSON.parse(directRead.body!)).toEqual(viaGateway.body);
  });

  it("GET /me answers the same profile both ways", async () => {
    const user = await newUser();
    const claims = claimsOf(user.accessToken) as { sub: string; username: string };
    const viaGateway = await get("/me", { token: user.accessToken });
    const direct = await getMe(
      apiEvent("GET /me", { path: "/me", claims: accessClaims(claims.sub, claims.username, ["customer"], stack().clientId, stack().issuer) }),
      context,
    );
    expect(JSON.parse(direct.body!)).toEqual(viaGateway.body);
  });

  it("reads the admin group from API Gateway's `[a b]` rendering of arrays", async () => {
    const body = { name: "Direct", price: { amount: 100, currency: "EUR" }, stock: 1 };
    const asCustomerAndAdmin = await createProduct(
      apiEvent("POST /products", { path: "/products", body, claims: accessClaims("sub-1", "u1", ["customer", "admin"], stack().clientId, stack().issuer) }),
      context,
    );
    expect(asCustomerAndAdmin.statusCode).toBe(201);
    const asCustomer = await createProduct(
      apiEvent("POST /products", { path: "/products", body, claims: accessClaims("sub-2", "u2", ["customer"], stack().clientId, stack().issuer) }),
      context,
    );
    expect(asCustomer.statusCode).toBe(403);
    const asAdministrator = await createProduct(
      apiEvent("POST /products", { path: "/products", body, claims: accessClaims("sub-3", "u3", ["administrators"], stack().clientId, stack().issuer) }),
      context,
    );
    expect(asAdministrator.statusCode).toBe(403);
  });

  it("refuses an id token's claims even though API Gateway lets them through", async () => {
    const claims = { ...accessClaims("sub-4", "u4", ["admin"], stack().clientId, stack().issuer), token_use: "id", aud: stack().clientId };
    const response = await getMe(apiEvent("GET /me", { path: "/me", claims }), context);
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toBe("application/problem+json");
  });
});
