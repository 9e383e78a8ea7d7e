/**
 * Properties of the request validation path (core's `parse` with the API's schemas, then
 * `priceOrder`), shared by packages/core/test/requests.property.test.ts (a few runs, on every
 * test run) and bench/properties.ts (many more runs). They throw plain assertion errors, not
 * vitest's, so the bench can run them outside vitest; `fc.assert` prints the seed and the
 * shrunk counterexample of any failure.
 *
 * Bodies go through a JSON round trip, as they do over HTTP. Invalid values are put where they
 * are judged: every line of an order names a product of the catalogue below, so a bad quantity
 * is refused as a quantity and never as an unknown product.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { ValidationError } from "../../src/errors";
import { MAX_AMOUNT } from "../../src/money";
import { priceOrder } from "../../src/orders/pricing";
import { MAX_LINES, MAX_QUANTITY, placeOrderSchema } from "../../src/orders/schema";
import { newProductSchema } from "../../src/products/schema";
import { parse } from "../../src/validation";

/** How many runs a property gets: `PROPERTY_RUNS` when set, else the caller's default. */
export function propertyRuns(fallback: number): number {
  const runs = Number(process.env.PROPERTY_RUNS ?? fallback);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS must be a positive integer, got ${process.env.PROPERTY_RUNS}`);
  return runs;
}

const ID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** MAX_LINES distinct, well-formed product ids: enough for the longest order. */
export const catalogueIds: readonly string[] = Array.from({ length: MAX_LINES }, (_, i) => `01JC${"0".repeat(20)}${ID_CHARS[i]}${ID_CHARS[(i * 7) % 32]}`);

/** What the validation path reports: the field paths of a refusal, or the accepted value. */
export function judged<T>(run: () => T): { accepted: T } | { paths: string[] } {
  try {
    return { accepted: run() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { paths: error.issues.map((issue) => issue.path) };
  }
}

const overHttp = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/** Quantities the schema must refuse, including ones that look almost right. */
export const badQuantity: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, MAX_QUANTITY + 1, 1.5, MAX_QUANTITY + 0.5, 1e21, -1e21, "1", "", null, true, false),
  fc.integer({ max: 0 }),
  fc.integer({ min: MAX_QUANTITY + 1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((n) => !Number.isInteger(n)),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/** A quantity the schema accepts, leaning on the edges of its range. */
export const goodQuantity: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(1, 2, MAX_QUANTITY - 1, MAX_QUANTITY), fc.integer({ min: 1, max: MAX_QUANTITY }));

/** Orders of 1..MAX_LINES catalogue products, one line of which carries a bad quantity. */
const orderWithOneBadQuantity = fc
  .shuffledSubarray([...catalogueIds], { minLength: 1, maxLength: MAX_LINES })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(goodQuantity, { minLength: ids.length, maxLength: ids.length }), fc.nat({ max: ids.length - 1 }), badQuantity));

export const badQuantityIsJudgedOnItsLine = fc.property(orderWithOneBadQuantity, ([ids, quantities, bad, quantity]) => {
  const lines: { productId: string; quantity: unknown }[] = ids.map((productId, i) => ({ productId, quantity: quantities[i] }));
  lines[bad]!.quantity = quantity;
  const outcome = judged(() => parse(placeOrderSchema, overHttp({ lines })));
  assert.ok("paths" in outcome, `accepted a quantity of ${JSON.stringify(quantity)}`);
  assert.deepEqual(outcome.paths, [`lines.${bad}.quantity`]);
});

/** Prices that put line totals and order totals on both sides of the money limit. */
export const price = fc.oneof(
  fc.constantFrom(0, 1, MAX_AMOUNT, MAX_AMOUNT - 1, Math.floor(MAX_AMOUNT / MAX_QUANTITY), Math.floor(MAX_AMOUNT / MAX_QUANTITY) + 1),
  fc.integer({ min: 0, max: MAX_AMOUNT }),
  fc.integer({ min: 0, max: Math.floor(MAX_AMOUNT / MAX_QUANTITY) + 10 }),
  fc.integer({ min: 0, max: 10_000 }),
);
/** Names as admins type them: long ones, and any Unicode (emoji, combining marks, right-to-left). */
export const productName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
  fc.integer({ min: 190, max: 210 }).map((n) => "x".repeat(n)),
  fc.integer({ min: 95, max: 105 }).map((n) => "😀".repeat(n)),
);

const extremeOrder = fc
  .shuffledSubarray([...catalogueIds], { minLength: 1, maxLength: MAX_LINES })
  .chain((ids) => fc.array(fc.record({ quantity: goodQuantity, price, name: productName }), { minLength: ids.length, maxLength: ids.length }).map((lines) => lines.map((line, i) => ({ ...line, productId: ids[i]! }))));

export const extremeOrdersAreAcceptedExactlyWithinTheMoneyLimit = fc.property(extremeOrder, (lines) => {
  const input = parse(placeOrderSchema, overHttp({ lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) }));
  const products = new Map(lines.map((line) => [line.productId, { name: line.name, price: { amount: line.price, currency: "EUR" }, stock: MAX_QUANTITY }]));
  const outcome = judged(() => priceOrder(input, products, { id: "01JC0000000000000000000000", userId: "user-1" }, "2026-12-03T10:00:00.000Z"));
  const overLine = lines.flatMap((line, i) => (line.price * line.quantity > MAX_AMOUNT ? [`lines.${i}.quantity`] : []));
  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  if (overLine.length > 0) return assert.deepEqual(outcome, { paths: overLine });
  if (total > MAX_AMOUNT) return assert.deepEqual(outcome, { paths: ["lines"] });
  assert.ok("accepted" in outcome, `refused ${JSON.stringify(outcome)} for a total of ${total}`);
  assert.equal(outcome.accepted.order.total.amount, total);
  assert.deepEqual(
    outcome.accepted.lines.map((line) => [line.productId, line.name, line.quantity, line.lineTotal.amount]),
    lines.map((line) => [line.productId, line.name, line.quantity, line.price * line.quantity]),
  );
});

/** Product bodies near every limit of the schema: name length and content, price, currency, stock. */
export const productBody = fc.record({
  name: fc.oneof(productName, fc.constantFrom("", "   ", " \t\n"), fc.integer({ min: 0, max: 3 }).map((n) => ` ${"é".repeat(199 + n)} `)),
  price: fc.record({
    amount: fc.oneof(fc.constantFrom(0, MAX_AMOUNT, MAX_AMOUNT + 1, -1, 0.5), fc.integer({ min: 0, max: MAX_AMOUNT })),
    currency: fc.oneof(fc.constantFrom("EUR", "USD", "JPY"), fc.constantFrom("eur", "EU", "EURO", "€", "")),
  }),
  stock: fc.oneof(fc.constantFrom(0, 1_000_000_000, 1_000_000_001, -1, 2.5), fc.nat({ max: 1_000_000 })),
});

/**
 * The rule as the OpenAPI document states it: a name of 1 to 200 characters (JSON Schema counts
 * characters as Unicode code points), after trimming; amounts are whole minor units up to the
 * limit; stock is a whole number up to a billion.
 */
export function expectedProductIssues(body: { name: string; price: { amount: number; currency: string }; stock: number }): string[] {
  const issues: string[] = [];
  const characters = [...body.name.trim()].length;
  if (characters < 1 || characters > 200) issues.push("name");
  if (!Number.isInteger(body.price.amount) || body.price.amount < 0 || body.price.amount > MAX_AMOUNT) issues.push("price.amount");
  if (!/^[A-Z]{3}$/.test(body.price.currency)) issues.push("price.currency");
  if (!Number.isInteger(body.stock) || body.stock < 0 || body.stock > 1_000_000_000) issues.push("stock");
  return issues;
}

export const productBodiesAreJudgedFieldByField = fc.property(productBody, (body) => {
  const outcome = judged(() => parse(newProductSchema, overHttp(body)));
  const expected = expectedProductIssues(body);
  if (expected.length === 0) {
    assert.ok("accepted" in outcome, `refused ${JSON.stringify(outcome)} for ${JSON.stringify(body)}`);
    assert.equal(outcome.accepted.name, body.name.trim());
    return;
  }
  assert.deepEqual(outcome, { paths: expected });
});

/** Every property above, by name, for whatever runs them all. */
// Properties of different value types side by side: the table only runs them.
export const requestProperties: Record<string, fc.IProperty<any>> = {
  "a bad quantity on any line of real products is refused naming that line's quantity": badQuantityIsJudgedOnItsLine,
  "orders at the quantity and money limits are accepted exactly when every total fits, and a refusal names the field": extremeOrdersAreAcceptedExactlyWithinTheMoneyLimit,
  "product bodies with long, Unicode or out-of-range values are judged field by field": productBodiesAreJudgedFieldByField,
};
