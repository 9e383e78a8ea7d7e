import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { SalesRow } from "../api/types";
import { formValues } from "../account/form";
import { Field } from "../ui/field";
import { formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { BarChart } from "./sales-chart";

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

interface Day {
  day: string;
  revenue: number;
  quantity: number;
  orders: number;
}

/**
 * The API reports per day and product; the chart wants per day, every day of the range (a day
 * without sales is a zero, not a gap). Revenue is summed per currency; the shop sells in one.
 */
function byDay(rows: SalesRow[], from: string, to: string): { days: Day[]; currency: string } {
  const totals = new Map<string, Day>();
  for (let time = Date.parse(from); time <= Date.parse(to); time += DAY_MS) totals.set(isoDay(time), { day: isoDay(time), revenue: 0, quantity: 0, orders: 0 });
  const currency = rows[0]?.revenue.currency ?? "EUR";
  for (const row of rows) {
    const day = totals.get(row.day);
    if (!day || row.revenue.currency !== currency) continue;
    day.revenue += row.revenue.amount;
    day.quantity += row.quantity;
    day.orders += row.orders;
  }
  return { days: [...totals.values()], currency };
}

export function SalesPage() {
  const today = Date.now();
  const [range, setRange] = useState({ from: isoDay(today - 29 * DAY_MS), to: isoDay(today) });
  const query = useQuery({
    queryKey: ["admin-sales", range],
    queryFn: async () => unwrap(await api.GET("/analytics/sales", { params: { query: range } })),
  });
  return (
    <>
      <PageTitle title="Sales · Admin">Sales</PageTitle>
      <form
        noValidate
        className="form filter-form"
        aria-label="Sales period"
        onSubmit={(event) => {
          const values = formValues(event);
          setRange({ from: values.from ?? "", to: values.to ?? "" });
        }}
      >
        <Field label="From" name="from" type="date" defaultValue={range.from} errors={fieldErrors(query.error)} />
        <Field label="To" name="to" type="date" defaultValue={range.to} errors={fieldErrors(query.error)} />
        <button type="submit" className="button">
          Show sales
        </button>
      </form>
      <QueryState query={query} loading="Loading sales…">
        {({ items }) => {
          if (items.length === 0) return <Empty title="No sales in this period.">Orders count here shortly after they are placed; cancelled ones are taken off again.</Empty>;
          const { days, currency } = byDay(items, range.from, range.to);
          const money = (amount: number) => formatMoney({ amount, currency });
          const revenue = days.reduce((sum, day) => sum + day.revenue, 0);
          const quantity = days.reduce((sum, day) => sum + day.quantity, 0);
          const best = days.reduce((top, day) => (day.revenue > top.revenue ? day : top), days[0]!);
          return (
            <>
              <dl className="stats">
                <div>
                  <dt>Revenue</dt>
                  <dd>{money(revenue)}</dd>
                </div>
                <div>
                  <dt>Items sold</dt>
                  <dd>{quantity}</dd>
                </div>
                <div>
                  <dt>Best day</dt>
                  <dd>{best.day}</dd>
                </div>
              </dl>
              <section className="chart-section" aria-labelledby="revenue-heading">
                <h2 id="revenue-heading">Revenue per day</h2>
                <BarChart
                  title="Revenue per day"
                  summary={`${money(revenue)} from ${range.from} to ${range.to}; best day ${best.day} with ${money(best.revenue)}. The table below lists every day.`}
                  points={days.map((day) => ({ day: day.day, value: day.revenue }))}
                  format={(amount) => formatMoney({ amount, currency }).replace(/[.,]00$/, "")}
                />
              </section>
              <section className="chart-section" aria-labelledby="quantity-heading">
                <h2 id="quantity-heading">Items sold per day</h2>
                <BarChart
                  title="Items sold per day"
                  summary={`${quantity} items from ${range.from} to ${range.to}. The table below lists every day.`}
                  points={days.map((day) => ({ day: day.day, value: day.quantity }))}
                  format={(value) => String(value)}
                  whole
                />
              </section>
              <details className="chart-data">
                <summary>Sales by day as a table</summary>
                <div className="table-scroll" role="region" aria-label="Sales by day" tabIndex={0}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Day</th>
                        <th scope="col" className="numeric">Orders</th>
                        <th scope="col" className="numeric">Items</th>
                        <th scope="col" className="numeric">Revenue</th>
                      </tr>
                    </thead>
                    <tbody>
                      {days.map((day) => (
                        <tr key={day.day}>
                          <th scope="row">{day.day}</th>
                          <td className="numeric">{day.orders}</td>
                          <td className="numeric">{day.quantity}</td>
                          <td className="numeric">{money(day.revenue)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
