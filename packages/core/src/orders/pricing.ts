import { ConflictError, ValidationError, type FieldIssue } from "../errors";
import { MAX_AMOUNT, multiply, sum, withinLimit } from "../money";
import type { Product } from "../products";
import type { Order, OrderLine, PlaceOrder } from "./schema";

/**
 * Prices an order from the catalogue (never from the client), as a pure function so that what
 * the service accepts can be checked against the event contract without a table. Refuses, with
 * the offending field's path, a product that does not exist, mixed currencies, and any line
 * total or total beyond the money limit: an order the service accepts is an order whose event
 * the contract accepts (both judge amounts with `moneySchema`).
 */
export function priceOrder(
  input: PlaceOrder,
  products: ReadonlyMap<string, Pick<Product, "name" | "price" | "stock">>,
  identity: Pick<Order, "id" | "userId">,
  timestamp: string,
): { order: Order; lines: OrderLine[] } {
  const missing = input.lines.flatMap((line, index) =>
    products.has(line.productId) ? [] : [{ path: `lines.${index}.productId`, message: "does not exist" }],
  );
  if (missing.length > 0) throw new ValidationError(missing);

  const lines: OrderLine[] = input.lines.map(({ productId, quantity }) => {
    const product = products.get(productId)!;
    if (product.stock < quantity) {
      throw new ConflictError(`Not enough stock for product ${productId}: ${product.stock} left, ${quantity} requested.`);
    }
    return { productId, name: product.name, quantity, unitPrice: product.price, lineTotal: multiply(product.price, quantity) };
  });
  const currency = lines[0]!.unitPrice.currency;
  if (lines.some((line) => line.unitPrice.currency !== currency)) {
    throw new ValidationError([{ path: "lines", message: "must all be priced in the same currency" }]);
  }
  const overLimit: FieldIssue[] = lines.flatMap((line, index) =>
    withinLimit(line.lineTotal) ? [] : [{ path: `lines.${index}.quantity`, message: `makes the line total exceed the limit of ${MAX_AMOUNT} minor units` }],
  );
  if (overLimit.length > 0) throw new ValidationError(overLimit);
  const total = sum(lines.map((line) => line.lineTotal), currency);
  if (!withinLimit(total)) throw new ValidationError([{ path: "lines", message: `make the order total exceed the limit of ${MAX_AMOUNT} minor units` }]);

  const order: Order = { ...identity, status: "PENDING", total, lineCount: lines.length, version: 1, createdAt: timestamp, updatedAt: timestamp };
  return { order, lines };
}
