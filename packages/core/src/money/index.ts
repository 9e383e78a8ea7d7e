import * as v from "valibot";

/**
 * Money is an integer count of minor units (cents) and an ISO 4217 currency code. This is its
 * shape wherever the system holds or sends it; what a client may send is `moneySchema`.
 */
export const moneyValueSchema = v.object({ amount: v.pipe(v.number(), v.integer()), currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)) });
export type Money = v.InferOutput<typeof moneyValueSchema>;

/**
 * The largest amount anything in the system may carry: a price, a line total, an order total.
 * The API's request schemas, the order service and the event contract all judge amounts with
 * `moneySchema` below, so an amount one accepts is an amount the others accept.
 */
export const MAX_AMOUNT = 100_000_000_00;

export const moneySchema = v.strictObject({
  amount: v.pipe(v.number(), v.integer("must be an integer number of minor units"), v.minValue(0), v.maxValue(MAX_AMOUNT)),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code")),
});

/** Whether an amount computed by the server (a product of prices, a sum) is within the limits. */
export function withinLimit(value: Money): boolean {
  return v.is(moneySchema, value);
}

export function multiply(price: Money, quantity: number): Money {
  return { amount: price.amount * quantity, currency: price.currency };
}

export function sum(values: Money[], currency: string): Money {
  return { amount: values.reduce((total, value) => total + value.amount, 0), currency };
}
