import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, canTransition, releasesStock } from "../src/orders/lifecycle";

describe("order lifecycle", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ["PENDING→CONFIRMED", "PENDING→CANCELLED", "PENDING→PAYMENT_FAILED", "PENDING→EXPIRED", "CONFIRMED→SHIPPED", "SHIPPED→DELIVERED"].sort(),
    );
  });

  it("gives stock back exactly on the unpaid ends, which are terminal", () => {
    expect(ORDER_STATUSES.filter(releasesStock).sort()).toEqual(["CANCELLED", "EXPIRED", "PAYMENT_FAILED"]);
    for (const end of ORDER_STATUSES.filter(releasesStock)) {
      expect(ORDER_STATUSES.filter((to) => canTransition(end, to)), end).toEqual([]);
    }
  });
});
