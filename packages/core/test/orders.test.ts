/**
 * The order service against the real table, on injected clocks: pricing from the catalogue,
 * stock taken and given back in the same transaction as each status change, who may see,
 * search and cancel which order, and the expiry of stale PENDING orders. Tests that read the
 * status index place their orders at a random moment in the 2200s or 2300s (./support/eras.ts),
 * so the windows they read hold their own orders (and none of other tests, which place theirs
 * today), and the stack's expiry schedule leaves them PENDING.
 */
import { randomUUID } from "node:crypto";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import type { ApiClient, Principal } from "../src/auth";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../src/errors";
import { setSimulatedPayment } from "../src/fulfilment";
import { newId } from "../src/ids";
import * as Orders from "../src/orders";
import * as Products from "../src/products";
import { documentClient, tableName } from "../src/table";
import { minuteIn } from "./support/eras";

const customer = (): Principal => ({ userId: `test-orders-${randomUUID()}`, role: "customer", username: "cy" });
const admin: Principal = { userId: `test-orders-admin-${randomUUID()}`, role: "admin", username: "ada" };
const reader: ApiClient = { keyId: "k-reader", scopes: ["orders:read"] };

/**
 * A random minute of `years` years from `fromYear`. The searches by day and the expiry each
 * have an era of their own (a test's earlier runs against the same table leave orders there).
 */
const someMinute = (fromYear = 2200, years = 25) => minuteIn(fromYear, years);
const at = (ms: number) => () => new Date(ms);

/** Expects `promise` to reject with exactly this error: its class and its whole message. */
async function expectFailure(promise: Promise<unknown>, type: abstract new (...args: never[]) => Error, message: string) {
  const error = await promise.then(
    (value) => expect.unreachable(`expected ${type.name}, got ${JSON.stringify(value)}`),
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
}

/**
 * A product whose payments the simulated provider cannot take (as tests/support/catalogue.ts
 * makes them): under `bun run test` the stack's event pipeline would otherwise confirm these
 * orders behind the tests' backs.
 */
async function product(price = 250, stock = 10, currency = "EUR") {
  const created = await Products.create({ name: `Widget ${randomUUID()}`, description: "", price: { amount: price, currency }, stock });
  await setSimulatedPayment(created.id, { outcome: "unavailable" });
  return created;
}
const stockOf = async (id: string) => (await Products.get(id)).stock;

describe("placing an order", () => {
  it("prices every line from the catalogue, takes the stock and stores the order PENDING at its first version", async () => {
    const [a, b] = await Promise.all([product(250, 10), product(1_000, 3)]);
    const buyer = customer();
    const t = someMinute();
    const placed = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 4 }, { productId: b.id, quantity: 3 }] }, at(t));
    const timestamp = new Date(t).toISOString();
    expect(placed).toMatchObject({ userId: buyer.userId, status: "PENDING", version: 1, lineCount: 2, createdAt: timestamp, updatedAt: timestamp, total: { amount: 4_000, currency: "EUR" } });
    expect(placed.lines).toEqual([
      { productId: a.id, name: a.name, quantity: 4, unitPrice: a.price, lineTotal: { amount: 1_000, currency: "EUR" } },
      { productId: b.id, name: b.name, quantity: 3, unitPrice: b.price, lineTotal: { amount: 3_000, currency: "EUR" } },
    ]);
    expect(await Orders.get(buyer, placed.id)).toEqual(placed);
    // One partition: the order, then a line item per line in order (what getOrder reads).
    const items = (await documentClient().send(new QueryCommand({ TableName: tableName(), KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": `ORDER#${placed.id}` } }))).Items!;
    expect(items.map((item) => [item.sk, item.type])).toEqual([
      ["LINE#000", "orderLine"],
      ["LINE#001", "orderLine"],
      ["ORDER", "order"],
    ]);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([6, 0]);
    // Taking stock is a change of the product: its version moves.
    expect((await Products.get(a.id)).version).toBe(a.version + 1);
  });

  it("refuses more than the stock, an unknown product and mixed currencies, and takes nothing", async () => {
    const [a, dollars] = await Promise.all([product(100, 2), product(100, 5, "USD")]);
    const buyer = customer();
    await expect(Orders.place(buyer, { lines: [{ productId: a.id, quantity: 3 }] })).rejects.toThrow(ConflictError);
    await expect(Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }, { productId: newId(), quantity: 1 }] })).rejects.toMatchObject({
      issues: [{ path: "lines.1.productId", message: "does not exist" }],
    });
    await expect(Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }, { productId: dollars.id, quantity: 1 }] })).rejects.toMatchObject({
      issues: [{ path: "lines", message: "must all be priced in the same currency" }],
    });
    expect([await stockOf(a.id), await stockOf(dollars.id)]).toEqual([2, 5]);
    expect((await Orders.listMine(buyer)).items).toEqual([]);
  });

  it("throws a request the table refuses outright as it is, not as a conflict, and takes nothing", async () => {
    const a = await product(100, 5);
    const buyer = customer();
    // The API's schema refuses a repeated product; past it, DynamoDB refuses to read the same
    // key twice in one batch (a ValidationException), before any write is tried.
    const error = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }, { productId: a.id, quantity: 1 }] }).catch((failure: unknown) => failure);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ name: "ValidationException" });
    expect(await stockOf(a.id)).toBe(5);
    expect((await Orders.listMine(buyer)).items).toEqual([]);
  });

  it("sells the last unit once when two customers race for it", async () => {
    const last = await product(100, 1);
    const results = await Promise.allSettled([customer(), customer()].map((buyer) => Orders.place(buyer, { lines: [{ productId: last.id, quantity: 1 }] })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(await stockOf(last.id)).toBe(0);
  });
});

describe("reading orders", () => {
  it("shows an order to its owner and to admins, and to anyone else as not existing", async () => {
    const a = await product();
    const [owner, other] = [customer(), customer()];
    const order = await Orders.place(owner, { lines: [{ productId: a.id, quantity: 1 }] });
    expect((await Orders.get(admin, order.id)).id).toBe(order.id);
    await expectFailure(Orders.get(other, order.id), NotFoundError, `Order ${order.id} does not exist.`);
    const unknown = newId();
    await expectFailure(Orders.get(owner, unknown), NotFoundError, `Order ${unknown} does not exist.`);
    expect((await Orders.findForSystem(order.id))?.userId).toBe(owner.userId);
    expect(await Orders.findForSystem(newId())).toBeUndefined();
  });

  it("lists a customer's own orders newest first, a page at a time", async () => {
    const a = await product(100, 10);
    const [owner, other] = [customer(), customer()];
    const t = someMinute();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await Orders.place(owner, { lines: [{ productId: a.id, quantity: 1 }] }, at(t + i * 60_000))).id);
    await Orders.place(other, { lines: [{ productId: a.id, quantity: 1 }] });

    const first = await Orders.listMine(owner, 2);
    expect(first.items.map((order) => order.id)).toEqual([ids[2], ids[1]]);
    expect(first.cursor).toEqual(expect.any(String));
    const second = await Orders.listMine(owner, 2, first.cursor!);
    expect(second.items.map((order) => order.id)).toEqual([ids[0]]);
    expect(second.cursor).toBeNull();
    // A cursor of one customer's list is not a cursor of another's.
    await expect(Orders.listMine(other, 2, first.cursor!)).rejects.toThrow(ValidationError);
  });
});

describe("searching orders", () => {
  it("is for admins and keys granted orders:read only", async () => {
    const query = { status: "PENDING" as const, from: "1969-07-20", to: "1969-07-20" };
    await expectFailure(Orders.search(customer(), query), ForbiddenError, "Only administrators can search all orders.");
    await expect(Orders.search({ keyId: "k-stock", scopes: ["stock:write"] }, query)).rejects.toThrow(ForbiddenError);
    expect((await Orders.search(admin, query)).items).toEqual([]);
    expect((await Orders.search(reader, query)).items).toEqual([]);
  });

  it("finds orders by status between dates, a bare `to` date including its whole day, newest first", async () => {
    const a = await product(100, 10);
    const buyer = customer();
    const day = new Date(someMinute(2300, 50)).toISOString().slice(0, 10);
    const dayStart = Date.parse(`${day}T00:00:00.000Z`);
    const before = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(dayStart - 1));
    const morning = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(dayStart));
    const night = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(dayStart + 86_400_000 - 1));
    const next = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(dayStart + 86_400_000));

    const mine = (page: { items: { id: string; userId: string }[] }) => page.items.filter((order) => order.userId === buyer.userId).map((order) => order.id);
    expect(mine(await Orders.search(admin, { status: "PENDING", from: day, to: day }))).toEqual([night.id, morning.id]);
    const open = await Orders.search(admin, { status: "PENDING", from: new Date(dayStart - 1).toISOString(), to: new Date(dayStart + 86_400_000).toISOString() });
    expect(mine(open)).toEqual([next.id, night.id, morning.id, before.id]);
    // The same window in another status holds none of them; a page of one hands on a cursor.
    expect(mine(await Orders.search(admin, { status: "CONFIRMED", from: day, to: day }))).toEqual([]);
    const page = await Orders.search(admin, { status: "PENDING", from: day, to: day, limit: 1 });
    expect(page.items.map((order) => order.id)).toEqual([night.id]);
    const rest = await Orders.search(admin, { status: "PENDING", from: day, to: day, limit: 1, cursor: page.cursor! });
    expect(rest.items.map((order) => order.id)).toEqual([morning.id]);
    // The cursor belongs to its query: another window refuses it.
    await expect(Orders.search(admin, { status: "PENDING", from: day, limit: 1, cursor: page.cursor! })).rejects.toThrow(ValidationError);
  });

  it("refuses a window that ends before it starts, and takes one that starts and ends on the same day", async () => {
    await expect(Orders.search(admin, { status: "PENDING", from: "2001-02-03T00:00:01Z", to: "2001-02-02" })).rejects.toMatchObject({
      issues: [{ path: "from", message: "must not be after `to`" }],
    });
    await expect(Orders.search(admin, { status: "PENDING", from: "2001-02-03", to: "2001-02-03" })).resolves.toBeDefined();
  });

  it("reads every page of a status for the system, in pages of the size asked", async () => {
    const a = await product(100, 10);
    const buyer = customer();
    const t = someMinute();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(t + i))).id);
    const from = new Date(t).toISOString();
    const to = new Date(t + 2).toISOString();
    const pages: string[][] = [];
    for await (const page of Orders.pagesByStatus("PENDING", from, to, 2)) pages.push(page.map((order) => order.id));
    expect(pages).toEqual([[ids[2], ids[1]], [ids[0]]]);
    const none: unknown[] = [];
    for await (const page of Orders.pagesByStatus("DELIVERED", from, to)) none.push(page);
    expect(none).toEqual([]);
  });
});

describe("cancelling", () => {
  it("lets the customer cancel a PENDING order, giving its stock back in the same change", async () => {
    const a = await product(100, 5);
    const buyer = customer();
    const order = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 2 }] });
    expect(await stockOf(a.id)).toBe(3);
    const t = someMinute();
    const cancelled = await Orders.cancel(buyer, order.id, at(t));
    expect(cancelled).toMatchObject({ id: order.id, status: "CANCELLED", version: 2, updatedAt: new Date(t).toISOString(), createdAt: order.createdAt });
    expect(await Orders.get(buyer, order.id)).toEqual(cancelled);
    expect(await stockOf(a.id)).toBe(5);
    // Once: a second cancellation is a conflict and gives nothing back again.
    await expect(Orders.cancel(buyer, order.id)).rejects.toThrow(/can no longer be cancelled/);
    expect(await stockOf(a.id)).toBe(5);
  });

  it("refuses anyone but the customer: another customer is told it does not exist, an admin is forbidden", async () => {
    const a = await product(100, 5);
    const buyer = customer();
    const order = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] });
    await expect(Orders.cancel(customer(), order.id)).rejects.toThrow(NotFoundError);
    await expectFailure(Orders.cancel(admin, order.id), ForbiddenError, "Only the customer who placed an order can cancel it.");
    expect((await Orders.get(buyer, order.id)).status).toBe("PENDING");
    expect(await stockOf(a.id)).toBe(4);
  });

  it("refuses to cancel a confirmed order", async () => {
    const a = await product(100, 5);
    const buyer = customer();
    const order = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] });
    await Orders.advance(order.id, "CONFIRMED");
    await expect(Orders.cancel(buyer, order.id)).rejects.toThrow(ConflictError);
    expect((await Orders.get(buyer, order.id)).status).toBe("CONFIRMED");
    expect(await stockOf(a.id)).toBe(4);
  });
});

describe("moving an order along the lifecycle", () => {
  it("advances PENDING → CONFIRMED → SHIPPED → DELIVERED, bumping the version and moving the order in the status index", async () => {
    const a = await product(100, 5);
    const buyer = customer();
    const t = someMinute();
    const order = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(t));
    const day = new Date(t).toISOString().slice(0, 10);
    const confirmed = await Orders.advance(order.id, "CONFIRMED", at(t + 1000));
    expect(confirmed).toMatchObject({ status: "CONFIRMED", version: 2, updatedAt: new Date(t + 1000).toISOString() });
    expect((await Orders.search(admin, { status: "CONFIRMED", from: day, to: day })).items.map((found) => found.id)).toContain(order.id);
    expect((await Orders.search(admin, { status: "PENDING", from: day, to: day })).items.map((found) => found.id)).not.toContain(order.id);
    // Idempotent: the same move again changes nothing.
    expect(await Orders.advance(order.id, "CONFIRMED", at(t + 2000))).toEqual({ ...confirmed, lines: order.lines });
    expect((await Orders.advance(order.id, "SHIPPED")).version).toBe(3);
    expect((await Orders.advance(order.id, "DELIVERED")).version).toBe(4);
    expect(await stockOf(a.id)).toBe(4); // a delivered order keeps its stock taken
  });

  it("refuses moves the lifecycle does not allow, and an order that does not exist", async () => {
    const a = await product(100, 5);
    const order = await Orders.place(customer(), { lines: [{ productId: a.id, quantity: 1 }] });
    await expect(Orders.advance(order.id, "SHIPPED")).rejects.toThrow(`Order ${order.id} is PENDING and cannot become SHIPPED.`);
    await Orders.advance(order.id, "CONFIRMED");
    await expect(Orders.advance(order.id, "PAYMENT_FAILED")).rejects.toThrow(ConflictError);
    await expect(Orders.advance(order.id, "EXPIRED")).rejects.toThrow(ConflictError);
    const unknown = newId();
    await expectFailure(Orders.advance(unknown, "CONFIRMED"), NotFoundError, `Order ${unknown} does not exist.`);
    expect(await stockOf(a.id)).toBe(4);
  });

  it("gives stock back on a payment failure, only to products still in the catalogue", async () => {
    const [kept, removed] = await Promise.all([product(100, 5), product(100, 5)]);
    const order = await Orders.place(customer(), { lines: [{ productId: kept.id, quantity: 2 }, { productId: removed.id, quantity: 1 }] });
    await Products.remove(removed.id);
    const failed = await Orders.advance(order.id, "PAYMENT_FAILED");
    expect(failed).toMatchObject({ status: "PAYMENT_FAILED", version: 2 });
    expect(await stockOf(kept.id)).toBe(5);
    await expect(Products.get(removed.id)).rejects.toThrow(NotFoundError); // not brought back by the stock return
  });
});

describe("expiring stale orders", () => {
  it("expires PENDING orders placed before the hold, gives their stock back, and leaves newer and confirmed orders", async () => {
    const a = await product(100, 10);
    const buyer = customer();
    // Thirteen minutes ago. Expiry reads every PENDING order from the start of time up to its
    // cutoff: an era ahead would expire every order of the run still PENDING, and one further
    // back would race the stack's own expiry, which fires every minute with a cutoff of now
    // minus the hold and would expire these orders (the edge one too) under the test. This one
    // stays ahead of that cutoff for two minutes, and this test's cutoff (t) only reaches
    // orders older than thirteen minutes, which the schedule is about to expire anyway.
    const t = Date.now() - 13 * 60_000;
    const stale = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 2 }] }, at(t));
    const confirmed = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(t));
    await Orders.advance(confirmed.id, "CONFIRMED");
    const edge = await Orders.place(buyer, { lines: [{ productId: a.id, quantity: 1 }] }, at(t + 15 * 60_000));
    expect(await stockOf(a.id)).toBe(6);

    // At t + 15 min the first order is exactly as old as the hold: not yet stale.
    expect(await Orders.expireStale(15, at(t + 15 * 60_000))).not.toContain(stale.id);
    const expired = await Orders.expireStale(15, at(t + 15 * 60_000 + 1));
    expect(expired).toContain(stale.id);
    expect(expired).not.toContain(confirmed.id);
    expect(expired).not.toContain(edge.id);
    // Whatever else it found (other runs' leftovers in the shared table), it reports only orders it expired.
    for (const id of expired) expect((await Orders.findForSystem(id))?.status, id).toBe("EXPIRED");
    expect((await Orders.get(buyer, stale.id)).status).toBe("EXPIRED");
    expect((await Orders.get(buyer, confirmed.id)).status).toBe("CONFIRMED");
    expect((await Orders.get(buyer, edge.id)).status).toBe("PENDING");
    expect(await stockOf(a.id)).toBe(8);
    // Nothing is expired twice.
    expect(await Orders.expireStale(15, at(t + 15 * 60_000 + 1))).not.toContain(stale.id);
    expect(await stockOf(a.id)).toBe(8);
  });
});
