import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { OrderSearchStatus } from "../api/types";
import { formValues } from "../account/form";
import { Field } from "../ui/field";
import { formatDate, formatMoney, statusLabel } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { PAGE_SIZE, Pager, useCursorPages } from "./pages";

export const ORDER_STATUSES = Object.keys(statusLabel) as OrderSearchStatus[];

interface Search {
  status: OrderSearchStatus;
  from: string;
  to: string;
}

/** Orders of one status, optionally within dates (a bare date includes its whole day), newest pages by cursor. */
export function OrdersPage() {
  const [search, setSearch] = useState<Search>({ status: "CONFIRMED", from: "", to: "" });
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ["admin-orders", search, pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET("/orders", {
          params: {
            query: {
              status: search.status,
              limit: PAGE_SIZE,
              ...(search.from ? { from: search.from } : {}),
              ...(search.to ? { to: search.to } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle title="Orders · Admin">Orders</PageTitle>
      <form
        noValidate
        className="form filter-form"
        aria-label="Find orders"
        onSubmit={(event) => {
          const values = formValues(event);
          pages.first();
          setSearch({ status: (values.status ?? "CONFIRMED") as OrderSearchStatus, from: values.from ?? "", to: values.to ?? "" });
        }}
      >
        <StatusSelect name="status" defaultValue={search.status} />
        <Field label="From" name="from" type="date" defaultValue={search.from} errors={fieldErrors(query.error)} />
        <Field label="To" name="to" type="date" defaultValue={search.to} errors={fieldErrors(query.error)} />
        <button type="submit" className="button">
          Show orders
        </button>
      </form>
      <QueryState query={query} loading="Loading orders…">
        {(page) =>
          page.items.length === 0 && pages.page === 1 ? (
            <Empty title={`No ${statusLabel[search.status].toLowerCase()} orders${search.from || search.to ? " in these dates" : ""}.`}>
              Try another status or a wider range.
            </Empty>
          ) : (
            <>
              <div className="table-scroll" role="region" aria-label="Orders" tabIndex={0}>
                <table className="table table-cards">
                  <thead>
                    <tr>
                      <th scope="col">Order</th>
                      <th scope="col">Placed</th>
                      <th scope="col">Status</th>
                      <th scope="col" className="numeric">Lines</th>
                      <th scope="col" className="numeric">Total</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((order) => (
                      <tr key={order.id}>
                        <th scope="row">
                          <code title={`Customer ${order.userId}`}>{order.id}</code>
                        </th>
                        <td data-label="Placed">{formatDate(order.createdAt)}</td>
                        <td data-label="Status">
                          <span className={`tag tag-${order.status.toLowerCase()}`}>{statusLabel[order.status]}</span>
                        </td>
                        <td className="numeric" data-label="Lines">{order.lineCount}</td>
                        <td className="numeric" data-label="Total">{formatMoney(order.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={page.cursor} label="Orders" />
            </>
          )
        }
      </QueryState>
    </>
  );
}

export function StatusSelect({ name, defaultValue, allowAny = false }: { name: string; defaultValue: string; allowAny?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Status</label>
      <select id={id} name={name} defaultValue={defaultValue}>
        {allowAny ? <option value="">Any status</option> : null}
        {ORDER_STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusLabel[status]}
          </option>
        ))}
      </select>
    </div>
  );
}
