/**
 * Generated requests over HTTP, judged where the API judges them. Every order line names a real
 * product, so a bad quantity is refused as a quantity (not as an unknown product); every refusal
 * is checked for the exact field paths in its problem document's `errors[]`, and for having
 * written nothing; valid-looking requests sit on the limits (quantity, money, name length,
 * Unicode). The generators and the rules they are judged by are the ones of
 * packages/core/test/properties/requests.ts, which bench/properties.ts runs many more times.
 *
 * `PROPERTY_RUNS=n` sets the runs per property (a few by default: each run is real requests); a
 * failure prints fast-check's seed and counterexample.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_AMOUNT } from "@emporium/core/money";
import { MAX_LINES, MAX_QUANTITY } from "@emporium/core/orders";
import { badQuantity, expectedProductIssues, goodQuantity, productBody, propertyRuns } from "../../packages/core/test/properties/requests";
import { call, get, post, type ApiResponse } from "../support/http";
import { createProduct } from "../support/catalogue";
import { itemCount } from "../support/table";
import { adminToken, newUser } from "../support/users";

const runs = propertyRuns(15);
const STOCK = 1_000_000_000;

let admin: string;
let customer: string;
/** Real products at the prices that matter for the money limit, with stock for any quantity. */
let catalogue: { id: string; price: number }[];

beforeAll(async () => {
  admin = await adminToken();
  customer = (await newUser()).accessToken;
  const prices = [1, 999, Math.floor(MAX_AMOUNT / MAX_QUANTITY), Math.floor(MAX_AMOUNT / MAX_QUANTITY) + 1, Math.floor(MAX_AMOUNT / 3), MAX_AMOUNT];
  catalogue = await Promise.all(
    prices.map(async (price) => ({ id: (await createProduct({ price: { amount: price, currency: "EUR" }, stock: STOCK }, "approve")).id, price })),
  );
});

/** The field paths of a refusal: a 422 problem document with `errors[]`. */
function refusedPaths(response: ApiResponse): string[] {
  expect(response.status, response.text).toBe(422);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.body.errors, response.text).toEqual(expect.any(Array));
  return response.body.errors.map((issue: { path: string }) => issue.path);
}

async function stockLevels(): Promise<number[]> {
  // Read as this file's admin: the anonymous limits are per address, shared by every test file.
  return Promise.all(catalogue.map((product) => stockOf(product.id)));
}

/**
 * One product's stock. Twelve reads around each refused order can outrun the admin's request
 * limit on a fast machine (a CI run got 429 "More than 50 requests per second (burst 100)"):
 * then this waits as the answer says, as any client of the API must, and asks again.
 */
async function stockOf(id: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const response = await get(`/products/${id}`, { token: admin });
    if (response.status === 429 && attempt < 5) {
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000));
      continue;
    }
    expect(response.status, response.text).toBe(200);
    return response.body.stock as number;
  }
}

/** Which catalogue products an order's lines name, in any order, each at most once. */
const linesOfCatalogue = () => fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 1, maxLength: 6 });

describe("generated requests over HTTP", () => {
  it("refuses a bad quantity on any line of real products, naming that line's quantity, and writes nothing", async () => {
    const before = await itemCount();
    const stock = await stockLevels();
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        linesOfCatalogue().chain((picked) => fc.tuple(fc.constant(picked), fc.array(goodQuantity, { minLength: picked.length, maxLength: picked.length }), fc.nat({ max: picked.length - 1 }), badQuantity)),
        async ([picked, quantities, bad, quantity]) => {
          const lines: { productId: string; quantity: unknown }[] = picked.map((index, i) => ({ productId: catalogue[index]!.id, quantity: quantities[i] }));
          lines[bad]!.quantity = quantity;
          expect(refusedPaths(await post("/orders", { lines }, { token: customer }))).toEqual([`lines.${bad}.quantity`]);
          checked++;
        },
      ),
      { numRuns: runs },
    );
    expect(checked).toBe(runs);
    expect(await itemCount()).toBe(before);
    expect(await stockLevels()).toEqual(stock);
  });

  it("accepts an order at the quantity and money limits exactly when every total fits; a refusal names the field and takes no stock", async () => {
    const orderRuns = Math.max(runs, 3);
    const outcomes = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        linesOfCatalogue().chain((picked) => fc.tuple(fc.constant(picked), fc.array(goodQuantity, { minLength: picked.length, maxLength: picked.length }))),
        async ([picked, quantities]) => {
          const lines = picked.map((index, i) => ({ product: catalogue[index]!, quantity: quantities[i]! }));
          const overLine = lines.flatMap((line, i) => (line.product.price * line.quantity > MAX_AMOUNT ? [`lines.${i}.quantity`] : []));
          const total = lines.reduce((sum, line) => sum + line.product.price * line.quantity, 0);
          const refused = overLine.length > 0 || total > MAX_AMOUNT;
          // Stock is read only around orders that must be refused: an accepted one takes stock by design.
          const stock = refused ? await stockLevels() : [];
          const response = await post("/orders", { lines: lines.map((line) => ({ productId: line.product.id, quantity: line.quantity })) }, { token: customer });
          if (refused) {
            expect(refusedPaths(response)).toEqual(overLine.length > 0 ? overLine : ["lines"]);
            expect(await stockLevels()).toEqual(stock);
            outcomes.refused++;
            return;
          }
          expect(response.status, response.text).toBe(201);
          expect(response.body.total).toEqual({ amount: total, currency: "EUR" });
          expect(response.body.lines.map((line: { quantity: number }) => line.quantity)).toEqual(lines.map((line) => line.quantity));
          outcomes.accepted++;
        },
      ),
      {
        numRuns: orderRuns,
        // Always both sides of the limit: a cheap line, a line over it, and a line just under it beside one just over.
        examples: [[[[0], [1]]], [[[5], [2]]], [[[2, 3], [MAX_QUANTITY, MAX_QUANTITY]]]],
      },
    );
    console.log(`orders at the limits over HTTP: ${JSON.stringify(outcomes)}`);
    expect(outcomes.accepted + outcomes.refused).toBe(orderRuns);
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it("refuses an order of more than the line limit, or repeating a product, at `lines`, with real products", async () => {
    const extra = await createProduct({ stock: STOCK });
    const ids = [...catalogue.map((product) => product.id), extra.id];
    const before = await itemCount();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("too many", "repeated"), fc.nat({ max: ids.length - 1 }), async (kind, at) => {
        const lines =
          kind === "too many"
            ? Array.from({ length: MAX_LINES + 1 }, (_, i) => ({ productId: ids[i % ids.length]!, quantity: 1 }))
            : [...ids.map((productId) => ({ productId, quantity: 1 })), { productId: ids[at]!, quantity: 1 }];
        expect(refusedPaths(await post("/orders", { lines }, { token: customer }))).toEqual(["lines"]);
      }),
      { numRuns: Math.min(runs, 6) },
    );
    expect(await itemCount()).toBe(before);
  });

  it("judges product bodies with long, Unicode or out-of-range values field by field, and stores accepted names exactly", async () => {
    const productRuns = Math.max(runs * 2, 4);
    const outcomes = { created: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(productBody, async (body) => {
        const expected = expectedProductIssues(body);
        const before = expected.length > 0 ? await itemCount() : 0;
        const response = await call("POST", "/products", { token: admin, json: body });
        if (expected.length > 0) {
          expect(refusedPaths(response)).toEqual(expected);
          expect(await itemCount()).toBe(before);
          outcomes.refused++;
          return;
        }
        expect(response.status, response.text).toBe(201);
        const read = await get(`/products/${response.body.id}`, { token: admin });
        expect(read.body).toMatchObject({ name: body.name.trim(), price: body.price, stock: body.stock });
        outcomes.created++;
      }),
      {
        numRuns: productRuns,
        // Always, whatever is generated: names at the length limit in characters, not UTF-16 units.
        examples: [
          [{ name: "😀".repeat(200), price: { amount: MAX_AMOUNT, currency: "EUR" }, stock: STOCK }],
          [{ name: "😀".repeat(201), price: { amount: 1, currency: "EUR" }, stock: 0 }],
          [{ name: ` ${"é".repeat(200)} `, price: { amount: 0, currency: "JPY" }, stock: 1 }],
          [{ name: "x".repeat(201), price: { amount: MAX_AMOUNT + 1, currency: "EUR" }, stock: STOCK + 1 }],
        ],
      },
    );
    console.log(`product bodies over HTTP: ${JSON.stringify(outcomes)}`);
    expect(outcomes.created + outcomes.refused).toBe(productRuns); // the examples are part of the runs
    expect(outcomes.created).toBeGreaterThanOrEqual(2);
  });
});
