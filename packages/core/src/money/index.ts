import * as v from "valibot";

/** Money is an integer count of minor units (cents) and an ISO 4217 currency code. */
export interface Money {
  amount: number;
  currency: string;
}

export const MAX_AMOUNT = 100_000_000_00;

export const moneySchema = v.strictObject({
  amount: v.pipe(v.number(), v.integer("must be an integer number of minor units"), v.minValue(0), v.maxValue(MAX_AMOUNT)),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "must be a three-letter ISO 4217 code")),
});

export function multiply(price: Money, quantity: number): Money {
  return { amount: price.amount * quantity, currency: price.currency };
}

export function sum(values: Money[], currency: string): Money {
  return { amount: values.reduce((total, value) => total + value.amount, 0), currency };
}
