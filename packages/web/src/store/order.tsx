import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { Order } from "../api/types";
import { formatDate, formatMoney, statusLabel } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { ProblemAlert } from "../ui/problem";
import { QueryState } from "../ui/states";
import { fetchOrder, forgetOrderVersion } from "./order-query";

const POLL_MS = 1000;

/** An order, kept live: while it is PENDING the page polls (conditionally) until it settles. */
export function OrderPage({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ["order", id],
    queryFn: () => fetchOrder(id, queryClient.getQueryData<Order>(["order", id])),
    refetchInterval: (current) => (current.state.data?.status === "PENDING" ? POLL_MS : false),
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/orders">My orders</Link> <span aria-hidden="true">/</span> <span>Order</span>
      </nav>
      <QueryState query={query} loading="Loading your order…">
        {(order) => <OrderDetails order={order} />}
      </QueryState>
    </>
  );
}

export function StatusTag({ status }: { status: Order["status"] }) {
  return <span className={`tag tag-${status.toLowerCase()}`}>{statusLabel[status]}</span>;
}

function OrderDetails({ order }: { order: Order }) {
  const cancel = useCancelOrder(order.id);
  return (
    <article className="order">
      <PageTitle title="Order">Order {order.id.slice(-8)}</PageTitle>
      <p className="order-status" role="status" aria-live="polite">
        Status: <StatusTag status={order.status} />
        {order.status === "PENDING" ? <span className="field-hint"> We are confirming payment and stock…</span> : null}
      </p>
      <p className="field-hint">Placed {formatDate(order.createdAt)}</p>
      <table className="table">
        <caption className="visually-hidden">Items in this order</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="numeric">Quantity</th>
            <th scope="col" className="numeric">Price</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <td>
                <Link href={`/products/${line.productId}`}>{line.name}</Link>
              </td>
              <td className="numeric">{line.quantity}</td>
              <td className="numeric">{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="numeric price">{formatMoney(order.total)}</td>
          </tr>
        </tfoot>
      </table>
      {order.status === "PENDING" ? (
        <div className="actions">
          <button type="button" className="button button-danger" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
            {cancel.isPending ? "Cancelling…" : "Cancel order"}
          </button>
        </div>
      ) : null}
      <ProblemAlert error={cancel.error} title="The order was not cancelled." />
    </article>
  );
}

/** Cancels with one Idempotency-Key per order for this page's life, so a retry cancels once. */
export function useCancelOrder(id: string) {
  const key = useRef(crypto.randomUUID());
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/orders/{id}/cancel", { params: { path: { id } }, headers: { "idempotency-key": key.current } })),
    onSuccess: (order) => {
      forgetOrderVersion(id);
      queryClient.setQueryData(["order", id], order);
      void queryClient.invalidateQueries({ queryKey: ["my-orders"] });
      for (const line of order.lines) void queryClient.invalidateQueries({ queryKey: ["product", line.productId] });
    },
  });
}
