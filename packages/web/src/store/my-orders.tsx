import { useInfiniteQuery } from "@tanstack/react-query";
import { ShowMore } from "../ui/show-more";
import { Link } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { OrderSummary } from "../api/types";
import { formatDate, formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { ProblemAlert } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { StatusTag, useCancelOrder } from "./order";

export function MyOrdersPage() {
  const query = useInfiniteQuery({
    queryKey: ["my-orders"],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET("/me/orders", { params: { query: { limit: "20", ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.cursor ?? undefined,
  });
  return (
    <>
      <PageTitle title="My orders">My orders</PageTitle>
      <QueryState query={query} loading="Loading your orders…">
        {(data) => {
          const orders = data.pages.flatMap((page) => page.items);
          if (orders.length === 0) {
            return (
              <Empty title="You have not ordered anything yet.">
                <Link className="button" href="/">
                  Start shopping
                </Link>
              </Empty>
            );
          }
          return (
            <>
              <ul className="order-list" aria-label="Orders">
                {orders.map((order) => (
                  <OrderRow key={order.id} order={order} />
                ))}
              </ul>
              <ShowMore query={query} label="Show older orders" />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function OrderRow({ order }: { order: OrderSummary }) {
  const cancel = useCancelOrder(order.id);
  const name = `Order ${order.id.slice(-8)}`;
  return (
    <li className="order-row">
      <div>
        <Link href={`/orders/${order.id}`} className="order-row-name">
          {name}
        </Link>
        <p className="field-hint">
          {formatDate(order.createdAt)} · {order.lineCount} {order.lineCount === 1 ? "item" : "items"}
        </p>
      </div>
      <StatusTag status={order.status} />
      <span className="price">{formatMoney(order.total)}</span>
      {order.status === "PENDING" ? (
        <button type="button" className="button button-small button-secondary" disabled={cancel.isPending} aria-label={`Cancel ${name}`} onClick={() => cancel.mutate()}>
          {cancel.isPending ? "Cancelling…" : "Cancel"}
        </button>
      ) : (
        <span />
      )}
      {cancel.error ? (
        <div className="order-row-error">
          <ProblemAlert error={cancel.error} />
        </div>
      ) : null}
    </li>
  );
}
