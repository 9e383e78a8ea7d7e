import { describe, expect, it } from "vitest";
import { ORDER_STATUSES, canTransition } from "../src/orders/lifecycle";

describe("order lifecycle", () => {
  it("allows exactly the documented transitions", () => {
    const allowed = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ["PENDING→CONFIRMED", "CONFIRMED→SHIPPED", "SHIPPED→DELIVERED", "PENDING→CANCELLED", "CONFIRMED→CANCELLED"].sort(),
    );
  });
});
