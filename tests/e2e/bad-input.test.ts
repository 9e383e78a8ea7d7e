import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { call, type ApiResponse } from "../support/http";
import { adminToken, newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { itemCount } from "../support/table";
import { offlineOnly } from "../support/target";

/**
 * Bad input on every route: each case must get a 4xx problem document and leave the table
 * exactly as it was (counted over the whole table; test files run one at a time).
 */
let admin: string;
let customer: string;
let productId: string;
let orderId: string;

beforeAll(async () => {
  admin = await adminToken();
  const user = await newUser();
  customer = user.accessToken;
  const product = await createProduct({ stock: 100 });
  productId = product.id;
  const order = await call("POST", "/orders", { token: customer, json: { lines: [{ productId, quantity: 1 }] } });
  orderId = order.body.id;
  await call("GET", "/me", { token: customer });
});

function expectProblem(response: ApiResponse, status?: number) {
  expect(response.status, response.text).toBeGreaterThanOrEqual(400);
  expect(response.status, response.text).toBeLessThan(500);
  if (status) expect(response.status, response.text).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.status, detail: expect.any(String) });
  expect(response.body.requestId).toBe(response.headers.get("x-request-id"));
}

type Case = { name: string; method: string; path: () => string; token: () => string; body?: string; headers?: Record<string, string>; status: number; field?: string };

const validOrder = () => ({ lines: [{ productId, quantity: 1 }] });
const validProduct = { name: "Valid", price: { amount: 100, currency: "EUR" }, stock: 1 };
const json = (value: unknown) => JSON.stringify(value);
const jsonType = { "content-type": "application/json" };

const bodyRoutes = [
  { route: "POST /orders", method: "POST", path: () => "/orders", token: () => customer, valid: validOrder },
  { route: "POST /products", method: "POST", path: () => "/products", token: () => admin, valid: () => validProduct },
  { route: "PUT /products/{id}", method: "PUT", path: () => `/products/${productId}`, token: () => admin, valid: () => validProduct },
  { route: "PATCH /me", method: "PATCH", path: () => "/me", token: () => customer, valid: () => ({ name: "Valid" }) },
];

const cases: Case[] = bodyRoutes.flatMap(({ route, method, path, token, valid }) => [
  { name: `${route}: malformed JSON`, method, path, token, body: '{"lines": [', headers: jsonType, status: 400 },
  { name: `${route}: empty body`, method, path, token, body: "", headers: jsonType, status: 400 },
  { name: `${route}: wrong content type`, method, path, token, body: json(valid()), headers: { "content-type": "text/plain" }, status: 415 },
  { name: `${route}: form encoding`, method, path, token, body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415 },
  { name: `${route}: no content type`, method, path, token, body: json(valid()), headers: {}, status: 415 },
  { name: `${route}: oversized body`, method, path, token, body: json({ ...valid(), padding: "x".repeat(70_000) }), headers: jsonType, status: 413 },
  { name: `${route}: JSON array`, method, path, token, body: "[]", headers: jsonType, status: 422 },
  { name: `${route}: JSON null`, method, path, token, body: "null", headers: jsonType, status: 422 },
  { name: `${route}: unknown field`, method, path, token, body: json({ ...valid(), surprise: true }), headers: jsonType, status: 422, field: "surprise" },
]);

const orderCases: Case[] = [
  ["zero quantity", { lines: [{ productId: "P", quantity: 0 }] }, "lines.0.quantity"],
  ["negative quantity", { lines: [{ productId: "P", quantity: -3 }] }, "lines.0.quantity"],
  ["fractional quantity", { lines: [{ productId: "P", quantity: 1.5 }] }, "lines.0.quantity"],
  ["string quantity", { lines: [{ productId: "P", quantity: "2" }] }, "lines.0.quantity"],
  ["huge quantity", { lines: [{ productId: "P", quantity: 1e9 }] }, "lines.0.quantity"],
  ["no lines", { lines: [] }, "lines"],
  ["lines not an array", { lines: { productId: "P", quantity: 1 } }, "lines"],
  ["repeated product", { lines: [{ productId: "P", quantity: 1 }, { productId: "P", quantity: 1 }] }, "lines"],
  ["client-set price", { lines: [{ productId: "P", quantity: 1, price: 1 }] }, "lines.0.price"],
  ["client-set unit price", { lines: [{ productId: "P", quantity: 1, unitPrice: { amount: 1, currency: "EUR" } }] }, "lines.0.unitPrice"],
  ["client-set total", { lines: [{ productId: "P", quantity: 1 }], total: { amount: 1, currency: "EUR" } }, "total"],
  ["client-set status", { lines: [{ productId: "P", quantity: 1 }], status: "DELIVERED" }, "status"],
  ["client-set owner", { lines: [{ productId: "P", quantity: 1 }], userId: "someone" }, "userId"],
  ["malformed product id", { lines: [{ productId: "../../etc", quantity: 1 }] }, "lines.0.productId"],
  ["unknown product", { lines: [{ productId: "01ARZ3NDEKTSV4RRFFQ69G5FAV", quantity: 1 }] }, "lines.0.productId"],
  ["too many lines", { lines: Array.from({ length: 26 }, (_, i) => ({ productId: `01ARZ3NDEKTSV4RRFFQ69G5F${String(i).padStart(2, "0")}`, quantity: 1 })) }, "lines"],
].map(([name, body, field]) => ({
  name: `POST /orders: ${name}`,
  method: "POST",
  path: () => "/orders",
  token: () => customer,
  body: "",
  headers: jsonType,
  status: 422,
  field: field as string,
  ...{ template: body },
})) as Case[];

const productCases: Case[] = [
  ["negative price", { ...validProduct, price: { amount: -1, currency: "EUR" } }, "price.amount"],
  ["fractional price", { ...validProduct, price: { amount: 9.99, currency: "EUR" } }, "price.amount"],
  ["price as string", { ...validProduct, price: "9.99" }, "price"],
  ["lower-case currency", { ...validProduct, price: { amount: 1, currency: "eur" } }, "price.currency"],
  ["negative stock", { ...validProduct, stock: -1 }, "stock"],
  ["fractional stock", { ...validProduct, stock: 0.5 }, "stock"],
  ["empty name", { ...validProduct, name: "   " }, "name"],
  ["missing name", { price: validProduct.price, stock: 1 }, "name"],
  ["name too long", { ...validProduct, name: "x".repeat(201) }, "name"],
  ["client-set id", { ...validProduct, id: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }, "id"],
  ["client-set version", { ...validProduct, version: 7 }, "version"],
].map(([name, body, field]) => ({
  name: `POST /products: ${name}`,
  method: "POST",
  path: () => "/products",
  token: () => admin,
  body: json(body),
  headers: jsonType,
  status: 422,
  field: field as string,
}));

const meCases: Case[] = [
  ["role", { role: "admin" }, "role"],
  ["name as number", { name: 42 }, "name"],
  ["empty name", { name: "" }, "name"],
].map(([name, body, field]) => ({
  name: `PATCH /me: ${name}`,
  method: "PATCH",
  path: () => "/me",
  token: () => customer,
  body: json(body),
  headers: jsonType,
  status: 422,
  field: field as string,
}));

const queryAndIdCases: Case[] = [
  { name: "GET /products: limit 0", method: "GET", path: () => "/products?limit=0", token: () => customer, status: 422, field: "limit" },
  { name: "GET /products: limit text", method: "GET", path: () => "/products?limit=ten", token: () => customer, status: 422, field: "limit" },
  { name: "GET /products: forged cursor", method: "GET", path: () => "/products?cursor=eyJrIjp7fX0.AAAA", token: () => customer, status: 422, field: "cursor" },
  { name: "GET /products: garbage cursor", method: "GET", path: () => "/products?cursor=%%%", token: () => customer, status: 422, field: "cursor" },
  { name: "GET /me/orders: limit too high", method: "GET", path: () => "/me/orders?limit=101", token: () => customer, status: 422, field: "limit" },
  { name: "GET /orders: unknown status", method: "GET", path: () => "/orders?status=lost", token: () => admin, status: 422, field: "status" },
  { name: "GET /products/{id}: malformed id", method: "GET", path: () => "/products/not-an-id", token: () => customer, status: 404 },
  { name: "GET /products/{id}: lower-case id", method: "GET", path: () => `/products/${productId.toLowerCase()}`, token: () => customer, status: 404 },
  { name: "GET /orders/{id}: malformed id", method: "GET", path: () => "/orders/%2e%2e%5c", token: () => customer, status: 404 },
  { name: "POST /orders/{id}/cancel: malformed id", method: "POST", path: () => "/orders/x/cancel", token: () => customer, status: 404 },
  { name: "DELETE /products/{id}: malformed id", method: "DELETE", path: () => `/products/${"9".repeat(300)}`, token: () => admin, status: 404 },
  { name: "PUT /products/{id}: unknown id", method: "PUT", path: () => "/products/01ARZ3NDEKTSV4RRFFQ69G5FAV", token: () => admin, body: json(validProduct), headers: jsonType, status: 404 },
];

describe("bad input on every route", offlineOnly, () => {
  it.each([...cases, ...orderCases, ...productCases, ...meCases, ...queryAndIdCases].map((c) => [c.name, c] as const))(
    "%s → 4xx problem, nothing written",
    async (_name, c) => {
      const template = (c as Case & { template?: unknown }).template;
      const body = template === undefined ? c.body : json(JSON.parse(JSON.stringify(template).replaceAll('"P"', `"${productId}"`)));
      const before = await itemCount();
      const response = await call(c.method, c.path(), { token: c.token(), body, headers: c.headers });
      expectProblem(response, c.status);
      if (c.field) expect(response.body.errors?.map((e: { path: string }) => e.path)).toContain(c.field);
      expect(await itemCount()).toBe(before);
    },
  );

  it("the gateway refuses bodies over 10 MB before any function runs", async () => {
    const before = await itemCount();
    const response = await call("POST", "/orders", { token: customer, body: "x".repeat(10 * 1024 * 1024 + 1), headers: jsonType });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ message: "Request Entity Too Large" });
    expect(await itemCount()).toBe(before);
  });
});

describe("bad input, generated (fast-check)", offlineOnly, () => {
  const badQuantity = fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: 1001 }),
    fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
    fc.string(),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.integer()),
  );
  const serverOwned = fc.constantFrom("price", "total", "status", "userId", "id", "version", "createdAt", "unitPrice", "lineTotal");

  async function expectRefusedWithoutWrites(run: () => Promise<void>) {
    const before = await itemCount();
    await run();
    expect(await itemCount()).toBe(before);
  }

  it("orders with a bad quantity anywhere", async () => {
    await expectRefusedWithoutWrites(() =>
      fc.assert(
        fc.asyncProperty(badQuantity, fc.nat({ max: 2 }), async (quantity, position) => {
          const lines = [0, 1, 2].slice(0, position + 1).map(() => ({ productId, quantity: 1 }));
          const distinct = lines.map((line, i) => (i === 0 ? line : { ...line, productId: `01ARZ3NDEKTSV4RRFFQ69G5FA${i}` }));
          distinct[position] = { ...distinct[position]!, quantity: quantity as number };
          const response = await call("POST", "/orders", { token: customer, json: { lines: distinct } });
          expectProblem(response, 422);
        }),
        { numRuns: 40 },
      ),
    );
  });

  it("orders that try to set a server-owned field", async () => {
    await expectRefusedWithoutWrites(() =>
      fc.assert(
        fc.asyncProperty(serverOwned, fc.jsonValue(), fc.boolean(), async (field, value, onLine) => {
          const line: Record<string, unknown> = { productId, quantity: 1 };
          const body: Record<string, unknown> = { lines: [line] };
          (onLine ? line : body)[field] = value;
          expectProblem(await call("POST", "/orders", { token: customer, json: body }), 422);
        }),
        { numRuns: 40 },
      ),
    );
  });

  it("any JSON value that is not a product", async () => {
    const notAProduct = fc.jsonValue().filter((value) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return true;
      return !("name" in value && "price" in value && "stock" in value);
    });
    await expectRefusedWithoutWrites(() =>
      fc.assert(
        fc.asyncProperty(notAProduct, async (value) => {
          expectProblem(await call("POST", "/products", { token: admin, json: value }), 422);
        }),
        { numRuns: 40 },
      ),
    );
  });

  it("arbitrary text as a JSON body on every body route", async () => {
    await expectRefusedWithoutWrites(() =>
      fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom(...bodyRoutes), async (text, route) => {
          let isObject = false;
          try {
            const parsed = JSON.parse(text);
            isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
          } catch {}
          fc.pre(!isObject);
          const response = await call(route.method, route.path(), { token: route.token(), body: text, headers: jsonType });
          expectProblem(response);
          expect([400, 422]).toContain(response.status);
        }),
        { numRuns: 40 },
      ),
    );
  });
});
