import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { Link, useLocation } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { useSession } from "../session/session";
import { formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { ProblemAlert } from "../ui/problem";
import { Empty } from "../ui/states";
import { cart, cartTotal, useCart, type CartLine } from "./cart";

/**
 * One Idempotency-Key per checkout attempt: the same cart keeps its key through retries and
 * double clicks, so the API places the order once; a changed cart is a new attempt.
 */
function useCheckoutKey(lines: CartLine[]): string {
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  const signature = JSON.stringify(lines.map((line) => [line.productId, line.quantity]));
  if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() };
  return attempt.current.key;
}

export function CartPage() {
  const lines = useCart();
  const { session } = useSession();
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const key = useCheckoutKey(lines);
  const total = useMemo(() => cartTotal(lines), [lines]);

  const checkout = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/orders", {
          body: { lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) },
          headers: { "idempotency-key": key },
        }),
      ),
    onSuccess: (order) => {
      cart.clear();
      queryClient.setQueryData(["order", order.id], order);
      void queryClient.invalidateQueries({ queryKey: ["my-orders"] });
      navigate(`/orders/${order.id}`);
    },
  });

  if (lines.length === 0) {
    return (
      <>
        <PageTitle title="Cart">Your cart</PageTitle>
        <Empty title="Your cart is empty.">
          <Link className="button" href="/">
            Browse the shop
          </Link>
        </Empty>
      </>
    );
  }

  return (
    <>
      <PageTitle title="Cart">Your cart</PageTitle>
      <div className="cart">
        <ul className="cart-lines" aria-label="Cart">
          {lines.map((line) => (
            <li key={line.productId} className="cart-line">
              <Link href={`/products/${line.productId}`} className="cart-line-name">
                {line.name}
              </Link>
              <label className="quantity">
                <span className="visually-hidden">Quantity of {line.name}</span>
                <input
                  type="number"
                  min={1}
                  max={1000}
                  value={line.quantity}
                  onChange={(event) => {
                    const quantity = Number.parseInt(event.target.value, 10);
                    if (Number.isFinite(quantity) && quantity > 0) cart.setQuantity(line.productId, quantity);
                  }}
                />
              </label>
              <span className="price">{formatMoney({ ...line.unitPrice, amount: line.unitPrice.amount * line.quantity })}</span>
              <button type="button" className="link-button" onClick={() => cart.remove(line.productId)} aria-label={`Remove ${line.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <aside className="summary" aria-label="Order summary">
          <p className="summary-row">
            <span>Total</span>
            <span className="price price-large">{total ? formatMoney(total) : "—"}</span>
          </p>
          <p className="field-hint">Charged at today's prices when you place the order.</p>
          <ProblemAlert error={checkout.error} title="Your order was not placed." />
          {session.status === "signed-in" ? (
            <button type="button" className="button button-block" disabled={checkout.isPending} onClick={() => checkout.mutate()}>
              {checkout.isPending ? "Placing your order…" : "Place order"}
            </button>
          ) : (
            <Link className="button button-block" href="/login?next=%2Fcart">
              Log in to check out
            </Link>
          )}
        </aside>
      </div>
    </>
  );
}
