import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderEvent } from "../events";
import { releasesStock } from "../orders/lifecycle";
import { decodeCursor, encodeCursor, type Page } from "../pagination";
import { MAX_SALES_PAGE, type SalesCounter, type SalesQuery } from "./schema";
import { markerItem, queryPage, tableName, transactionCancellationReasons, documentClient } from "../table";

/**
 * Per-product, per-day sales counters (the day the order was placed, UTC), kept net of
 * orders that end unpaid. One item per product, day and currency:
 *   pk SALES#<productId>  sk DAY#<yyyy-mm-dd>#<currency>   (one product over time)
 *   gsi1pk SALES          gsi1sk <yyyy-mm-dd>#<productId>#<currency>   (all products by day)
 * Counting an event and marking it counted happen in one transaction, so a redelivered record
 * changes nothing.
 */

const counterKey = (productId: string, day: string, currency: string) => ({ pk: `SALES#${productId}`, sk: `DAY#${day}#${currency}` });

/** How an event moves the counters: +1 per line for a new order, −1 when it ends unpaid (cancelled, payment failed, expired). */
function direction(event: OrderEvent): 1 | -1 | 0 {
  if (event.type === "order.created") return 1;
  if (releasesStock(event.data.status)) return -1;
  return 0;
}

export type CountResult = "counted" | "duplicate" | "ignored";

/** TransactWriteItems takes at most 100 actions. */
const MAX_ACTIONS = 100;

/**
 * Counts a batch of events with as few writes as it takes: one transaction per up to 100
 * actions, holding a marker per event and one update per counter, the events' lines for the
 * same product, day and currency added up. An event already counted (its marker exists) is a
 * duplicate: it is taken out and the rest of its transaction is tried again. The result says,
 * per event id, what happened, or the error that kept it from being counted.
 */
export async function countAll(events: readonly OrderEvent[]): Promise<Map<string, CountResult | Error>> {
  const results = new Map<string, CountResult | Error>();
  const pending: OrderEvent[] = [];
  for (const event of events) {
    if (direction(event) === 0 || event.data.lines.length === 0) results.set(event.id, "ignored");
    // The same event twice in one batch: a transaction cannot write its marker twice.
    else if (pending.some((other) => other.id === event.id)) results.set(event.id, "duplicate");
    else pending.push(event);
  }
  for (const group of transactionGroups(pending)) await countGroup(group, results);
  return results;
}

async function countGroup(group: OrderEvent[], results: Map<string, CountResult | Error>): Promise<void> {
  let remaining = group;
  while (remaining.length > 0) {
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: transaction(remaining) }));
      for (const event of remaining) results.set(event.id, "counted");
      return;
    } catch (error) {
      // Markers come first in the transaction, one per event, in order.
      const reasons = transactionCancellationReasons(error) ?? [];
      const duplicates = remaining.filter((_event, index) => reasons[index] === "ConditionalCheckFailed");
      if (duplicates.length === 0) {
        for (const event of remaining) results.set(event.id, error as Error);
        return;
      }
      for (const event of duplicates) results.set(event.id, "duplicate");
      remaining = remaining.filter((event) => !duplicates.includes(event));
    }
  }
}

/** Events in groups whose markers and (merged) counter updates fit in one transaction. */
function transactionGroups(events: OrderEvent[]): OrderEvent[][] {
  const groups: OrderEvent[][] = [];
  let group: OrderEvent[] = [];
  for (const event of events) {
    if (group.length > 0 && actionCount([...group, event]) > MAX_ACTIONS) {
      groups.push(group);
      group = [];
    }
    group.push(event);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

const actionCount = (events: OrderEvent[]) => events.length + counterDeltas(events).size;

interface Delta {
  productId: string;
  day: string;
  currency: string;
  quantity: number;
  revenue: number;
  orders: number;
}

/** What the events add to each counter, keyed by the counter's item. */
function counterDeltas(events: OrderEvent[]): Map<string, Delta> {
  const deltas = new Map<string, Delta>();
  for (const event of events) {
    const sign = direction(event);
    const day = event.data.createdAt.slice(0, 10);
    for (const line of event.data.lines) {
      const currency = line.lineTotal.currency;
      const key = `${line.productId}|${day}|${currency}`;
      const delta = deltas.get(key) ?? { productId: line.productId, day, currency, quantity: 0, revenue: 0, orders: 0 };
      delta.quantity += sign * line.quantity;
      delta.revenue += sign * line.lineTotal.amount;
      delta.orders += sign;
      deltas.set(key, delta);
    }
  }
  return deltas;
}

function transaction(events: OrderEvent[]) {
  return [
    ...events.map((event) => ({
      Put: { TableName: tableName(), Item: markerItem("sales", event.id, 30), ConditionExpression: "attribute_not_exists(pk)" },
    })),
    ...[...counterDeltas(events).values()].map((delta) => ({
      Update: {
        TableName: tableName(),
        Key: counterKey(delta.productId, delta.day, delta.currency),
        UpdateExpression:
          "SET productId = :product, #day = :day, currency = :currency, gsi1pk = :all, gsi1sk = :byDay ADD quantity :quantity, revenue :revenue, orders :orders",
        ExpressionAttributeNames: { "#day": "day" },
        ExpressionAttributeValues: {
          ":product": delta.productId,
          ":day": delta.day,
          ":currency": delta.currency,
          ":all": "SALES",
          ":byDay": `${delta.day}#${delta.productId}#${delta.currency}`,
          ":quantity": delta.quantity,
          ":revenue": delta.revenue,
          ":orders": delta.orders,
        },
      },
    })),
  ];
}

/**
 * One page of a report: at most `limit` counters (one bounded query), and a cursor bound to this
 * very report (range and product) for the next page.
 */
export async function read(query: SalesQuery): Promise<Page<SalesCounter>> {
  const scope = `sales:${query.from}:${query.to}:${query.productId ?? "*"}`;
  const page = await queryPage(
    query.productId
      ? {
          partition: ["pk", `SALES#${query.productId}`],
          sortKey: { condition: "sk BETWEEN :from AND :to", values: { ":from": `DAY#${query.from}`, ":to": `DAY#${query.to}~` } },
          limit: query.limit ?? MAX_SALES_PAGE,
          startKey: decodeCursor(scope, query.cursor),
        }
      : {
          index: "gsi1",
          partition: ["gsi1pk", "SALES"],
          sortKey: { condition: "gsi1sk BETWEEN :from AND :to", values: { ":from": query.from, ":to": `${query.to}~` } },
          limit: query.limit ?? MAX_SALES_PAGE,
          startKey: decodeCursor(scope, query.cursor),
        },
  );
  return {
    items: page.items.map((item) => ({
      productId: String(item.productId),
      day: String(item.day),
      quantity: Number(item.quantity),
      revenue: { amount: Number(item.revenue), currency: String(item.currency) },
      orders: Number(item.orders),
    })),
    cursor: encodeCursor(scope, page.lastKey),
  };
}
