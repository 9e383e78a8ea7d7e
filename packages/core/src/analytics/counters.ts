import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { OrderEvent } from "../events";
import { releasesStock } from "../orders/lifecycle";
import { decodeCursor, encodeCursor, type Page } from "../pagination";
import { MAX_SALES_PAGE, type SalesQuery } from "./schema";
import { markerItem, queryPage, tableName, transactionCancellationReasons, documentClient } from "../table";

/**
 * Per-product, per-day sales counters (the day the order was placed, UTC), kept net of
 * orders that end unpaid. One item per product, day and currency:
 *   pk SALES#<productId>  sk DAY#<yyyy-mm-dd>#<currency>   (one product over time)
 *   gsi1pk SALES          gsi1sk <yyyy-mm-dd>#<productId>#<currency>   (all products by day)
 * Counting an event and marking it counted happen in one transaction, so a redelivered record
 * changes nothing.
 */
export interface SalesCounter {
  productId: string;
  day: string;
  quantity: number;
  revenue: { amount: number; currency: string };
  orders: number;
}

const counterKey = (productId: string, day: string, currency: string) => ({ pk: `SALES#${productId}`, sk: `DAY#${day}#${currency}` });

/** How an event moves the counters: +1 per line for a new order, −1 when it ends unpaid (cancelled, payment failed, expired). */
function direction(event: OrderEvent): 1 | -1 | 0 {
  if (event.type === "order.created") return 1;
  if (releasesStock(event.data.status)) return -1;
  return 0;
}

export async function count(event: OrderEvent): Promise<"counted" | "duplicate" | "ignored"> {
  const sign = direction(event);
  if (sign === 0 || event.data.lines.length === 0) return "ignored";
  const day = event.data.createdAt.slice(0, 10);
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: markerItem("sales", event.id, 30),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          ...event.data.lines.map((line) => ({
            Update: {
              TableName: tableName(),
              Key: counterKey(line.productId, day, line.lineTotal.currency),
              UpdateExpression:
                "SET productId = :product, #day = :day, currency = :currency, gsi1pk = :all, gsi1sk = :byDay ADD quantity :quantity, revenue :revenue, orders :orders",
              ExpressionAttributeNames: { "#day": "day" },
              ExpressionAttributeValues: {
                ":product": line.productId,
                ":day": day,
                ":currency": line.lineTotal.currency,
                ":all": "SALES",
                ":byDay": `${day}#${line.productId}#${line.lineTotal.currency}`,
                ":quantity": sign * line.quantity,
                ":revenue": sign * line.lineTotal.amount,
                ":orders": sign,
              },
            },
          })),
        ],
      }),
    );
    return "counted";
  } catch (error) {
    if (transactionCancellationReasons(error)?.[0] === "ConditionalCheckFailed") return "duplicate";
    throw error;
  }
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
