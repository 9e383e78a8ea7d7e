/**
 * route() parses a request by its contract before the handler runs: the path first (a value that
 * cannot be an id names nothing: 404), then the query, then the body, each with the contract's
 * schemas, so what reaches the handler is typed and valid.
 */
import { describe, expect, it } from "vitest";
import { NotFoundError, UnsupportedMediaTypeError, ValidationError } from "@emporium/core/errors";
import { parseInput } from "../src/http/input";
import { ApiRequest, type ApiEvent } from "../src/http/request";
import * as contracts from "../src/manifest/contracts";
import { apiEvent } from "../../../tests/events/api-events";

const ULID = "01JDBZ5Q8S3F6W2X4Y7Z9A0B1C";
const admin = { sub: "f81d4fae-7dec-41d0-a765-00a0c91e6bf6", token_use: "access", username: "ada", "cognito:groups": "[admin]" };

const request = (routeKey: string, options: Parameters<typeof apiEvent>[1], auth: "public" | "admin" = "public") =>
  new ApiRequest(apiEvent(routeKey, options as never) as unknown as ApiEvent, { auth });

describe("input parsed by the route's contract", () => {
  it("hands over path parameters, query and body as the schemas output them", () => {
    const input = parseInput(
      contracts.ProductsReplace,
      request("PUT /products/{id}", { path: `/products/${ULID}`, pathParameters: { id: ULID }, body: { name: "  Lamp ", price: { amount: 100, currency: "EUR" }, stock: 3 } }),
    );
    expect(input.params).toEqual({ id: ULID });
    // The schema trims the name and fills the description's default.
    expect(input.body).toEqual({ name: "Lamp", description: "", price: { amount: 100, currency: "EUR" }, stock: 3 });
    expect(input.query).toBeUndefined();

    const page = parseInput(contracts.ProductsList, request("GET /products", { path: "/products", queryStringParameters: { limit: "5" } }));
    expect(page.query).toEqual({ limit: 5 });
  });

  it("answers a path that cannot name a resource with 404, in the words of the parameter's kind", () => {
    const product = () => parseInput(contracts.ProductsGet, request("GET /products/{id}", { path: "/products/nope", pathParameters: { id: "nope" } }));
    expect(product).toThrow(NotFoundError);
    expect(product).toThrow('No resource has the id "nope".');
    const user = () => parseInput(contracts.UsersGet, request("GET /users/{id}", { path: `/users/${ULID}`, pathParameters: { id: ULID }, claims: admin }, "admin"));
    expect(user).toThrow(NotFoundError);
    expect(user).toThrow(`No user has the id "${ULID}".`);
    const image = () =>
      parseInput(
        contracts.ProductImagesGet,
        request("GET /products/{id}/images/{imageId}", { path: `/products/${ULID}/images/x`, pathParameters: { id: ULID, imageId: "x" } }),
      );
    expect(image).toThrow('No resource has the id "x".');
  });

  it("judges the path before the body, and the query by its own schema", () => {
    const both = request("PUT /products/{id}", { path: "/products/nope", pathParameters: { id: "nope" }, body: { name: "" } });
    expect(() => parseInput(contracts.ProductsReplace, both)).toThrow(NotFoundError);
    const search = request("GET /orders", { path: "/orders", queryStringParameters: { status: "LOST" }, claims: admin }, "admin");
    expect(() => parseInput(contracts.OrdersSearch, search)).toThrow(ValidationError);
  });

  it("refuses a body that is not JSON before judging it, and ignores one the contract does not take", () => {
    const event = apiEvent("POST /products", { path: "/products", body: { name: "x" } }) as unknown as ApiEvent;
    event.headers = { ...event.headers, "content-type": "text/plain" };
    expect(() => parseInput(contracts.ProductsCreate, new ApiRequest(event, { auth: "public" }))).toThrow(UnsupportedMediaTypeError);
    const cancel = parseInput(contracts.ProductsDelete, request("DELETE /products/{id}", { path: `/products/${ULID}`, pathParameters: { id: ULID }, body: "not an object" }));
    expect(cancel.body).toBeUndefined();
  });
});
