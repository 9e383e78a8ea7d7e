import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { PageKey } from "../pagination";
import { productKey } from "../products";
import { documentClient, queryPage, tableName } from "../table";
import type { OrderStatus } from "./lifecycle";
import type { Order, OrderLine, OrderWithLines } from "./schema";

/**
 * Key layout. An order and its lines share a partition (one Query reads both); gsi1 lists a
 * user's orders newest first (ids sort by time); gsi2 lists orders by status and date.
 */
const orderPk = (id: string) => `ORDER#${id}`;
const userOrdersPk = (userId: string) => `USER#${userId}`;
const statusPk = (status: OrderStatus) => `STATUS#${status}`;
const statusSk = (order: Pick<Order, "createdAt" | "id">) => `${order.createdAt}#${order.id}`;

/**
 * The order item also carries its lines in brief, so the table's stream hands consumers the
 * whole order in one record; the line items stay the source for reading an order's lines.
 */
export function orderItem(order: Order, lines: OrderLine[]) {
  return {
    pk: orderPk(order.id),
    sk: "ORDER",
    gsi1pk: userOrdersPk(order.userId),
    gsi1sk: `ORDER#${order.id}`,
    gsi2pk: statusPk(order.status),
    gsi2sk: statusSk(order),
    type: "order",
    ...order,
    lines: lines.map(({ productId, quantity, lineTotal }) => ({ productId, quantity, lineTotal })),
  };
}

function lineItem(orderId: string, index: number, line: OrderLine) {
  return { pk: orderPk(orderId), sk: `LINE#${String(index).padStart(3, "0")}`, type: "orderLine", orderId, ...line };
}

function toOrder(item: Record<string, unknown>): Order {
  const { id, userId, status, total, lineCount, version, createdAt, updatedAt } = item as unknown as Order;
  return { id, userId, status, total, lineCount, version, createdAt, updatedAt };
}

function toLine(item: Record<string, unknown>): OrderLine {
  const { productId, name, quantity, unitPrice, lineTotal } = item as unknown as OrderLine;
  return { productId, name, quantity, unitPrice, lineTotal };
}

/**
 * Writes the order, its lines and the stock decrements in one transaction. Each line's product
 * must still have the name and price the line was priced from (a concurrent catalogue edit
 * makes the caller re-price), and enough stock. Taking stock is a change of the product: it
 * bumps the product's version, so its ETag moves; concurrent orders of one product do not
 * conflict on that version, only on stock.
 */
export async function insertOrder(order: Order, lines: OrderLine[]): Promise<void> {
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: orderItem(order, lines), ConditionExpression: "attribute_not_exists(pk)" } },
        ...lines.map((line, index) => ({ Put: { TableName: tableName(), Item: lineItem(order.id, index, line) } })),
        ...lines.map((line) => ({
          Update: {
            TableName: tableName(),
            Key: productKey(line.productId),
            UpdateExpression: "SET stock = stock - :quantity, updatedAt = :now ADD version :one",
            ConditionExpression:
              "attribute_exists(pk) AND stock >= :quantity AND #name = :name AND price.amount = :amount AND price.currency = :currency",
            ExpressionAttributeNames: { "#name": "name" },
            ExpressionAttributeValues: {
              ":quantity": line.quantity,
              ":name": line.name,
              ":amount": line.unitPrice.amount,
              ":currency": line.unitPrice.currency,
              ":now": order.createdAt,
              ":one": 1,
            },
          },
        })),
      ],
    }),
  );
}

export async function getOrder(id: string): Promise<OrderWithLines | undefined> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": orderPk(id) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const head = items.find((item) => item.sk === "ORDER");
  if (!head) return undefined;
  return { ...toOrder(head), lines: items.filter((item) => item.sk !== "ORDER").map(toLine) };
}

export async function listUserOrders(userId: string, limit: number, startKey?: PageKey) {
  const page = await queryPage({
    index: "gsi1",
    partition: ["gsi1pk", userOrdersPk(userId)],
    sortKey: { condition: "begins_with(gsi1sk, :prefix)", values: { ":prefix": "ORDER#" } },
    descending: true,
    limit,
    startKey,
  });
  return { items: page.items.map(toOrder), lastKey: page.lastKey };
}

export async function listOrdersByStatus(status: OrderStatus, from: string, to: string, limit: number, startKey?: PageKey) {
  const page = await queryPage({
    index: "gsi2",
    partition: ["gsi2pk", statusPk(status)],
    sortKey: { condition: "gsi2sk BETWEEN :from AND :to", values: { ":from": from, ":to": to } },
    descending: true,
    limit,
    startKey,
  });
  return { items: page.items.map(toOrder), lastKey: page.lastKey };
}

/**
 * Moves an order to `to` only if it is still at the status and version it was read at, and
 * gives back `stockReturns` in the same transaction (each a change of its product: new version).
 */
export async function transitionOrder(
  order: Order,
  to: OrderStatus,
  now: string,
  stockReturns: { productId: string; quantity: number }[] = [],
): Promise<void> {
  await documentClient().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: { pk: orderPk(order.id), sk: "ORDER" },
            UpdateExpression: "SET #status = :to, gsi2pk = :statusPk, updatedAt = :now ADD version :one",
            ConditionExpression: "#status = :from AND version = :version",
            ExpressionAttributeNames: { "#status": "status" },
            ExpressionAttributeValues: {
              ":to": to,
              ":from": order.status,
              ":statusPk": statusPk(to),
              ":now": now,
              ":one": 1,
              ":version": order.version,
            },
          },
        },
        ...stockReturns.map((line) => ({
          Update: {
            TableName: tableName(),
            Key: productKey(line.productId),
            UpdateExpression: "SET stock = stock + :quantity, updatedAt = :now ADD version :one",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":quantity": line.quantity, ":now": now, ":one": 1 },
          },
        })),
      ],
    }),
  );
}
