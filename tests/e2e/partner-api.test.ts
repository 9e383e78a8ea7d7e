/**
 * The partner API's promises: `GET /partner/orders` lists exactly the orders of a status within
 * dates, newest first, page by page; a cursor works only on the query that issued it; and
 * `PUT /partner/products/{id}/stock` refuses any body that is not a stock level, naming the
 * field, without changing the product or its audit trail.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Order } from "@emporium/core/orders";
import { call, get, post, type ApiResponse } from "../support/http";
import { createProduct } from "../support/catalogue";
import { createKey } from "../support/keys";
import { itemCount } from "../support/table";
import { adminToken, newUser } from "../support/users";

let reader: string;
let user: Awaited<ReturnType<typeof newUser>>;
/** This test's orders, oldest first: two left PENDING and one CANCELLED. */
let placed: Order[];
let pending: Order[];
let cancelled: Order;

const partnerOrders = (query: string) => get(`/partner/orders?${query}`, { headers: { "x-api-key": reader } });
/** Only this test's orders: other tests place orders of the same statuses meanwhile. */
const ours = (response: ApiResponse) => (response.body.items as Order[]).filter((order) => order.userId === placed[0]!.userId);

function expectFieldRefused(response: ApiResponse, path: string) {
  expect(response.status, response.text).toBe(422);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body.errors.map((issue: { path: string }) => issue.path)).toEqual([path]);
}

beforeAll(async () => {
  reader = (await createKey(["orders:read"])).secret;
  user = await newUser();
  const product = await createProduct({ price: { amount: 1250, currency: "EUR" }, stock: 20 }); // orders stay PENDING
  placed = [];
  for (const quantity of [1, 2, 3]) {
    const response = await post("/orders", { lines: [{ productId: product.id, quantity }] }, { token: user.accessToken });
    expect(response.status, response.text).toBe(201);
    const { lines: _, ...order } = response.body;
    placed.push(order);
  }
  const cancel = await post(`/orders/${placed[1]!.id}/cancel`, undefined, { token: user.accessToken });
  expect(cancel.status, cancel.text).toBe(200);
  cancelled = { ...placed[1]!, status: "CANCELLED", version: cancel.body.version, updatedAt: cancel.body.updatedAt };
  pending = [placed[0]!, placed[2]!];
});

const dates = () => `from=${encodeURIComponent(placed[0]!.createdAt)}&to=${encodeURIComponent(placed[2]!.createdAt)}`;

describe("GET /partner/orders", () => {
  it("lists exactly the orders of the status asked for within the dates, newest first, as the orders themselves", async () => {
    const response = await partnerOrders(`status=PENDING&${dates()}`);
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(ours(response)).toEqual([...pending].reverse());
    // Every item is of the status asked for and within the dates, whoever placed it.
    for (const order of response.body.items as Order[]) {
      expect(order.status).toBe("PENDING");
      expect(order.createdAt >= placed[0]!.createdAt && order.createdAt <= placed[2]!.createdAt, order.createdAt).toBe(true);
    }

    const cancelledOnes = await partnerOrders(`status=CANCELLED&${dates()}`);
    expect(cancelledOnes.status).toBe(200);
    expect(ours(cancelledOnes)).toEqual([cancelled]);
  });

  it("applies each date bound: a window after or before the orders has none of them, a bare date includes its whole day", async () => {
    const after = new Date(Date.parse(placed[2]!.createdAt) + 1).toISOString();
    const before = new Date(Date.parse(placed[0]!.createdAt) - 1).toISOString();
    expect(ours(await partnerOrders(`status=PENDING&from=${encodeURIComponent(after)}`))).toEqual([]);
    expect(ours(await partnerOrders(`status=PENDING&to=${encodeURIComponent(before)}`))).toEqual([]);
    // From the middle order on: only the last PENDING one.
    expect(ours(await partnerOrders(`status=PENDING&from=${encodeURIComponent(placed[1]!.createdAt)}`))).toEqual([placed[2]]);
    const day = placed[0]!.createdAt.slice(0, 10);
    const whole = ours(await partnerOrders(`status=PENDING&from=${day}&to=${placed[2]!.createdAt.slice(0, 10)}&limit=100`));
    expect(whole.map((order) => order.id)).toEqual(expect.arrayContaining(pending.map((order) => order.id)));
  });

  it("pages with limit and cursor through every matching order once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: ApiResponse = await partnerOrders(`status=PENDING&${dates()}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(response.status, response.text).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...(response.body.items as Order[]).map((order) => order.id));
      cursor = response.body.cursor;
      pages++;
    } while (cursor && pages < 200);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => pending.some((order) => order.id === id))).toEqual([placed[2]!.id, placed[0]!.id]);
  });

  it("refuses a cursor on any query but the one that issued it (422 naming `cursor`)", async () => {
    const first = await partnerOrders(`status=PENDING&${dates()}&limit=1`);
    const cursor: string = first.body.cursor;
    expect(cursor).toEqual(expect.any(String));
    const withCursor = `cursor=${encodeURIComponent(cursor)}`;
    expect((await partnerOrders(`status=PENDING&${dates()}&limit=1&${withCursor}`)).status).toBe(200);

    expectFieldRefused(await partnerOrders(`status=CANCELLED&${dates()}&${withCursor}`), "cursor");
    expectFieldRefused(await partnerOrders(`status=PENDING&from=${encodeURIComponent(placed[1]!.createdAt)}&to=${encodeURIComponent(placed[2]!.createdAt)}&${withCursor}`), "cursor");
    expectFieldRefused(await partnerOrders(`status=PENDING&${withCursor}`), "cursor");
    expectFieldRefused(await get(`/me/orders?${withCursor}`, { token: user.accessToken }), "cursor");
    expectFieldRefused(await get(`/products?${withCursor}`), "cursor");
    // And the other way round: a customer's own cursor is no cursor for the partner query.
    const mine = await get("/me/orders?limit=1", { token: user.accessToken });
    expect(mine.body.cursor).toEqual(expect.any(String));
    expectFieldRefused(await partnerOrders(`status=PENDING&cursor=${encodeURIComponent(mine.body.cursor)}`), "cursor");
  });

  it("refuses bad filters, naming the field", async () => {
    expectFieldRefused(await partnerOrders(""), "status");
    expectFieldRefused(await partnerOrders("status=pending"), "status");
    expectFieldRefused(await partnerOrders("status=PENDING&from=yesterday"), "from");
    expectFieldRefused(await partnerOrders("status=PENDING&to=2026-13-01"), "to");
    expectFieldRefused(await partnerOrders("status=PENDING&from=2026-02-01&to=2026-01-01"), "from");
    expectFieldRefused(await partnerOrders("status=PENDING&limit=0"), "limit");
    expectFieldRefused(await partnerOrders("status=PENDING&limit=101"), "limit");
  });
});

describe("PUT /partner/products/{id}/stock", () => {
  let writer: string;
  let productId: string;
  beforeAll(async () => {
    writer = (await createKey(["stock:write"])).secret;
    productId = (await createProduct({ stock: 7 })).id;
  });
  const putStock = (id: string, body: string, contentType = "application/json") =>
    call("PUT", `/partner/products/${id}/stock`, { body, headers: { "x-api-key": writer, "content-type": contentType } });
  const audit = async () => (await get(`/products/${productId}/stock-audit`, { token: await adminToken() })).body.items as unknown[];

  const refusals: [name: string, body: string, status: number, path?: string][] = [
    ["negative stock", '{"stock":-1}', 422, "stock"],
    ["fractional stock", '{"stock":1.5}', 422, "stock"],
    ["stock as a string", '{"stock":"5"}', 422, "stock"],
    ["null stock", '{"stock":null}', 422, "stock"],
    ["stock over the limit", '{"stock":1000000001}', 422, "stock"],
    ["no stock", "{}", 422, "stock"],
    ["another field too", '{"stock":5,"price":{"amount":1,"currency":"EUR"}}', 422, "price"],
    ["a JSON array", "[5]", 422, ""],
    ["a bare number", "5", 422, ""],
    ["malformed JSON", '{"stock":', 400],
    ["an empty body", "", 400],
  ];

  it.each(refusals)("refuses %s with a problem naming the field, and changes nothing", async (_name, body, status, path) => {
    const before = { product: (await get(`/products/${productId}`)).body, audit: await audit(), items: await itemCount() };
    const response = await putStock(productId, body);
    expect(response.status, response.text).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    if (status === 422) expect(response.body.errors.map((issue: { path: string }) => issue.path)).toEqual([path]);
    expect((await get(`/products/${productId}`)).body).toEqual(before.product);
    expect(await audit()).toEqual(before.audit);
    expect(await itemCount()).toBe(before.items);
  });

  it("refuses a body that is not JSON (415), and a product that does not exist (404), changing nothing", async () => {
    const before = { product: (await get(`/products/${productId}`)).body, items: await itemCount() };
    expect((await putStock(productId, "stock=5", "application/x-www-form-urlencoded")).status).toBe(415);
    expect((await putStock("01ARZ3NDEKTSV4RRFFQ69G5FAV", '{"stock":5}')).status).toBe(404);
    expect((await putStock("not-an-id", '{"stock":5}')).status).toBe(404);
    expect((await get(`/products/${productId}`)).body).toEqual(before.product);
    expect(await itemCount()).toBe(before.items);
  });

  it("accepts the bounds of a stock level, 0 and 1 000 000 000, each a new version with its audit entry", async () => {
    const start = (await get(`/products/${productId}`)).body;
    const auditBefore = (await audit()).length;
    for (const [i, stock] of [0, 1_000_000_000].entries()) {
      const response = await putStock(productId, JSON.stringify({ stock }));
      expect(response.status, response.text).toBe(200);
      expect(response.body).toMatchObject({ id: productId, stock, version: start.version + i + 1 });
    }
    expect((await audit()).length).toBe(auditBefore + 2);
  });
});
