import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient, isConditionalCheckFailure, queryPage, tableName, transactionCancellationReasons } from "../table";
import type { PageKey } from "../pagination";
import type { Product } from "./schema";

/** Key layout: one item per product; gsi1 lists the catalogue in id (creation) order. */
export const productKey = (id: string) => ({ pk: `PRODUCT#${id}`, sk: "PRODUCT" });
const CATALOGUE = "PRODUCTS";

type ProductItem = Product & ReturnType<typeof productKey> & { gsi1pk: string; gsi1sk: string };

function toItem(product: Product): ProductItem {
  const imageIds = (product.images ?? []).map((image) => image.id);
  return { ...productKey(product.id), gsi1pk: CATALOGUE, gsi1sk: product.id, ...product, ...(imageIds.length ? { imageIds: new Set(imageIds) } : {}) };
}

export function fromItem(item: Record<string, unknown>): Product {
  const { id, name, description, price, stock, version, createdAt, updatedAt, images } = item as unknown as Product;
  return { id, name, description, price, stock, version, createdAt, updatedAt, images: images ?? [] };
}

export async function getProduct(id: string): Promise<Product | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: productKey(id) }));
  return Item ? fromItem(Item) : undefined;
}

export async function getProducts(ids: string[]): Promise<Map<string, Product>> {
  const found = new Map<string, Product>();
  let keys: Record<string, unknown>[] = ids.map(productKey);
  while (keys.length > 0) {
    const { Responses, UnprocessedKeys } = await documentClient().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys, ConsistentRead: true } } }),
    );
    for (const item of Responses?.[tableName()] ?? []) found.set(String(item.id), fromItem(item));
    keys = UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  return found;
}

export async function listProducts(limit: number, startKey?: PageKey) {
  const page = await queryPage({ index: "gsi1", partition: ["gsi1pk", CATALOGUE], limit, startKey });
  return { items: page.items.map(fromItem), lastKey: page.lastKey };
}

/** BatchWriteItem takes at most this many items a call. */
const BATCH_WRITE_LIMIT = 25;

/**
 * New products in as few calls as BatchWriteItem allows, each call's unprocessed items sent
 * again. Puts without a condition: for products whose ids were just made (`insertProduct` keeps
 * the check for single writes).
 */
export async function insertProducts(products: Product[]): Promise<void> {
  for (let start = 0; start < products.length; start += BATCH_WRITE_LIMIT) {
    let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]["RequestItems"]>[string] = products
      .slice(start, start + BATCH_WRITE_LIMIT)
      .map((product) => ({ PutRequest: { Item: toItem(product) } }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await documentClient().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = UnprocessedItems?.[tableName()] ?? [];
    }
  }
}

export async function insertProduct(product: Product): Promise<void> {
  await documentClient().send(
    new PutCommand({ TableName: tableName(), Item: toItem(product), ConditionExpression: "attribute_not_exists(pk)" }),
  );
}

/**
 * Replaces a product only if it is still at `expectedVersion` (optimistic concurrency); returns
 * false when it was deleted or changed meanwhile. A `record` item (an audit entry) is written in
 * the same transaction, so it exists exactly when the replacement does.
 */
export async function replaceProduct(product: Product, expectedVersion: number, record?: Record<string, unknown>): Promise<boolean> {
  const put = {
    TableName: tableName(),
    Item: toItem(product),
    ConditionExpression: "attribute_exists(pk) AND version = :expected",
    ExpressionAttributeValues: { ":expected": expectedVersion },
  };
  try {
    if (!record) {
      await documentClient().send(new PutCommand(put));
      return true;
    }
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [{ Put: put }, { Put: { TableName: tableName(), Item: record, ConditionExpression: "attribute_not_exists(pk)" } }],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error) || transactionCancellationReasons(error)?.[0] === "ConditionalCheckFailed") return false;
    throw error;
  }
}

export async function deleteProduct(id: string): Promise<boolean> {
  try {
    await documentClient().send(
      new DeleteCommand({ TableName: tableName(), Key: productKey(id), ConditionExpression: "attribute_exists(pk)" }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}
