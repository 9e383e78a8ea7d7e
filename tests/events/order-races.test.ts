/**
 * Every race between two transitions of the order state machine (packages/core/src/orders/
 * lifecycle.ts), run for real against the local table: both transitions start together on the
 * same PENDING order, exactly one applies, the other is refused, and the stock matches the
 * winner (taken for CONFIRMED, given back exactly once for every unpaid end).
 */
import { describe, expect, it } from "vitest";
import { ConflictError } from "@emporium/core/errors";
import * as Orders from "@emporium/core/orders";
import * as Products from "@emporium/core/products";
import type { Principal } from "@emporium/core/auth";
import { post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { newUser } from "../support/users";
import { claimsOf } from "../support/tokens";

type Transition = "confirm" | "cancel" | "expire" | "paymentFailed";
const ROUNDS = 6;
const QUANTITY = 2;

const statusOf: Record<Transition, Orders.OrderStatus> = { confirm: "CONFIRMED", cancel: "CANCELLED", expire: "EXPIRED", paymentFailed: "PAYMENT_FAILED" };

/** Runs one transition; resolves true when it applied, false when the other one won first. */
function run(transition: Transition, principal: Principal, orderId: string): Promise<boolean> {
  const refused = (error: unknown) => {
    if (error instanceof ConflictError) return false;
    throw error;
  };
  switch (transition) {
    case "confirm":
      return Orders.advance(orderId, "CONFIRMED").then((order) => order.status === "CONFIRMED", refused);
    case "paymentFailed":
      return Orders.advance(orderId, "PAYMENT_FAILED").then((order) => order.status === "PAYMENT_FAILED", refused);
    case "cancel":
      return Orders.cancel(principal, orderId).then(() => true, refused);
    case "expire":
      // The schedule's clock a day ahead: every PENDING order is past its hold.
      return Orders.expireStale(Orders.DEFAULT_HOLD_MINUTES, () => new Date(Date.now() + 86_400_000)).then((ids) => ids.includes(orderId));
  }
}

const races: [Transition, Transition][] = [
  ["cancel", "confirm"],
  ["expire", "confirm"],
  ["expire", "cancel"],
  ["paymentFailed", "cancel"],
  ["paymentFailed", "expire"],
];

describe("races between order transitions", () => {
  it.each(races)("%s vs %s: exactly one wins, stock matches the winner", async (first, second) => {
    const user = await newUser();
    const principal: Principal = { userId: String(claimsOf(user.accessToken).sub), role: "customer", username: String(claimsOf(user.accessToken).username) };
    // Unreachable provider: the live pipeline never moves these orders, only the racers do.
    const product = await createProduct({ stock: ROUNDS * QUANTITY }, "unavailable");
    const wins: Record<Transition, number> = { confirm: 0, cancel: 0, expire: 0, paymentFailed: 0 };
    let held = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const placed = await post("/orders", { lines: [{ productId: product.id, quantity: QUANTITY }] }, { token: user.accessToken });
      expect(placed.status).toBe(201);
      // Alternate who starts first, so each side gets to win.
      const [a, b] = round % 2 === 0 ? [first, second] : [second, first];
      const [aWon, bWon] = await Promise.all([run(a, principal, placed.body.id), run(b, principal, placed.body.id)]);
      expect([aWon, bWon].filter(Boolean), `round ${round}: ${a}=${aWon} ${b}=${bWon}`).toHaveLength(1);
      const winner = aWon ? a : b;
      wins[winner]++;
      const order = await Orders.findForSystem(placed.body.id);
      expect(order).toMatchObject({ status: statusOf[winner], version: 2 });
      if (winner === "confirm") held += QUANTITY;
      expect((await Products.get(product.id)).stock, `round ${round}`).toBe(ROUNDS * QUANTITY - held);
    }
    console.log(`${first} vs ${second}: ${JSON.stringify(wins)}`);
    expect(wins[first] + wins[second]).toBe(ROUNDS);
  });
});
