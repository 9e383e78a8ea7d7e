import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { MAX_AMOUNT, moneySchema, multiply, sum, withinLimit } from "../src/money";

describe("money", () => {
  it("holds amounts from zero to MAX_AMOUNT whole minor units, and nothing outside", () => {
    expect(MAX_AMOUNT).toBe(10_000_000_000);
    for (const amount of [0, 1, MAX_AMOUNT]) expect(withinLimit({ amount, currency: "EUR" }), String(amount)).toBe(true);
    for (const amount of [-1, MAX_AMOUNT + 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(withinLimit({ amount, currency: "EUR" }), String(amount)).toBe(false);
    }
  });

  it("takes three capital letters as the currency and refuses every other spelling, with the reason", () => {
    expect(withinLimit({ amount: 1, currency: "USD" })).toBe(true);
    for (const currency of ["usd", "US", "USDX", " USD", "USD\n", "U5D", ""]) expect(withinLimit({ amount: 1, currency }), currency).toBe(false);
    const result = v.safeParse(moneySchema, { amount: 1, currency: "eur" });
    expect(result.issues?.map((issue) => issue.message)).toEqual(["must be a three-letter ISO 4217 code"]);
  });

  it("says why a fractional amount is refused, and refuses fields it does not know", () => {
    const fractional = v.safeParse(moneySchema, { amount: 1.5, currency: "EUR" });
    expect(fractional.issues?.map((issue) => issue.message)).toEqual(["must be an integer number of minor units"]);
    expect(v.is(moneySchema, { amount: 1, currency: "EUR", rate: 1 })).toBe(false);
    expect(v.is(moneySchema, { amount: "1", currency: "EUR" })).toBe(false);
  });

  it("multiplies the amount and keeps the currency", () => {
    expect(multiply({ amount: 250, currency: "GBP" }, 4)).toEqual({ amount: 1000, currency: "GBP" });
    expect(multiply({ amount: 250, currency: "GBP" }, 1)).toEqual({ amount: 250, currency: "GBP" });
  });

  it("adds amounts in the currency it is given, zero for nothing", () => {
    const values = [
      { amount: 100, currency: "EUR" },
      { amount: 2, currency: "EUR" },
      { amount: 30, currency: "EUR" },
    ];
    expect(sum(values, "EUR")).toEqual({ amount: 132, currency: "EUR" });
    expect(sum([], "JPY")).toEqual({ amount: 0, currency: "JPY" });
  });
});
