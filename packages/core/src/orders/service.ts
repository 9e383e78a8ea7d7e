import { can, isAdmin, type Actor, type Principal } from "../auth";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import { multiply, sum } from "../money";
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from "../pagination";
import { getProducts } from "../products";
import { transactionCancellationReasons } from "../table";
import * as repository from "./repository";
import { canTransition, type OrderStatus } from "./lifecycle";
import type { Order, OrderLine, OrderSearch, OrderWithLines, PlaceOrder } from "./schema";

/**
 * How often a write that lost a race (a transaction conflict, or a product edited between
 * pricing and writing) is priced and tried again before the caller gets a 409.
 */
const MAX_ATTEMPTS = 10;

const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

/**
 * Places an order: prices every line from the catalogue (never from the client) and writes the
 * order, its lines and the stock decrements in one transaction, so stock can never go negative.
 */
export async function place(principal: Principal, input: PlaceOrder, now = () => new Date()): Promise<OrderWithLines> {
  const orderId = newId();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const products = await getProducts(input.lines.map((line) => line.productId));
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

    const timestamp = now().toISOString();
    const order: Order = {
      id: orderId,
      userId: principal.userId,
      status: "PENDING",
      total: sum(lines.map((line) => line.lineTotal), currency),
      lineCount: lines.length,
      version: 1,
      createdAt: timestamp,
      updatedAt: timestamp,
    };
    const reservations = input.lines.map(({ productId, quantity }) => ({
      productId,
      quantity,
      expectedVersion: products.get(productId)!.version,
    }));
    try {
      await repository.insertOrder(order, lines, reservations);
      return { ...order, lines };
    } catch (error) {
      // Stock taken or a product edited since we read it, or a concurrent transaction: re-price.
      if (!transactionCancellationReasons(error)) throw error;
      await pause(attempt);
    }
  }
  throw new ConflictError("The order could not be placed because the products kept changing; retry.");
}

/** An order as the system sees it (consumers), without an acting user. */
export async function findForSystem(id: string): Promise<OrderWithLines | undefined> {
  return repository.getOrder(id);
}

/** Owners see their orders and admins see all; anyone else is told the order does not exist. */
export async function get(principal: Principal, id: string): Promise<OrderWithLines> {
  const order = await repository.getOrder(id);
  if (!order || (order.userId !== principal.userId && !isAdmin(principal))) {
    throw new NotFoundError(`Order ${id} does not exist.`);
  }
  return order;
}

export async function listMine(principal: Principal, limit = DEFAULT_LIMIT, cursor?: string): Promise<Page<Order>> {
  const scope = `orders:user:${principal.userId}`;
  const page = await repository.listUserOrders(principal.userId, limit, decodeCursor(scope, cursor));
  return { items: page.items, cursor: encodeCursor(scope, page.lastKey) };
}

/** All orders by status and date: for administrators and API keys granted `orders:read`. */
export async function search(actor: Actor, query: OrderSearch): Promise<Page<Order>> {
  if (!can(actor, "orders:read")) throw new ForbiddenError("Only administrators can search all orders.");
  const from = query.from ?? "0";
  // `~` sorts after every character of an ISO timestamp, so a bare date includes its whole day.
  const to = `${query.to ?? "9999"}~`;
  if (from > to) throw new ValidationError([{ path: "from", message: "must not be after `to`" }]);
  const scope = `orders:status:${query.status}:${from}:${to}`;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const page = await repository.listOrdersByStatus(query.status, from, to, limit, decodeCursor(scope, query.cursor));
  return { items: page.items, cursor: encodeCursor(scope, page.lastKey) };
}

/**
 * Moves an order along the lifecycle on behalf of the system (fulfilment). Idempotent: an
 * order already at `to` is left alone and returned; a move the lifecycle forbids from the
 * order's current status is a conflict.
 */
export async function advance(id: string, to: OrderStatus, now = () => new Date()): Promise<Order> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await repository.getOrder(id);
    if (!order) throw new NotFoundError(`Order ${id} does not exist.`);
    if (order.status === to) return order;
    if (!canTransition(order.status, to)) throw new ConflictError(`Order ${id} is ${order.status} and cannot become ${to}.`);
    const timestamp = now().toISOString();
    try {
      await repository.transitionOrder(order, to, timestamp);
      return { ...order, status: to, version: order.version + 1, updatedAt: timestamp };
    } catch (error) {
      if (!transactionCancellationReasons(error)) throw error;
      await pause(attempt); // changed meanwhile (e.g. cancelled): look again
    }
  }
  throw new ConflictError(`Order ${id} kept changing; retry.`);
}

/** Every order of one status within dates (both optional), newest first, page by page. */
export async function* allByStatus(status: OrderStatus, from?: string, to?: string): AsyncGenerator<Order> {
  let startKey: Record<string, string> | undefined;
  do {
    const page = await repository.listOrdersByStatus(status, from ?? "0", `${to ?? "9999"}~`, 100, startKey);
    yield* page.items;
    startKey = page.lastKey;
  } while (startKey);
}

/** Cancels a PENDING order of the caller's and puts its stock back, in one transaction. */
export async function cancel(principal: Principal, id: string, now = () => new Date()): Promise<OrderWithLines> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const order = await get(principal, id);
    if (order.userId !== principal.userId) throw new ForbiddenError("Only the customer who placed an order can cancel it.");
    if (order.status !== "PENDING") throw new ConflictError(`Order ${id} is ${order.status} and can no longer be cancelled.`);
    // Stock goes back only to products still in the catalogue.
    const existing = await getProducts(order.lines.map((line) => line.productId));
    const returns = order.lines.filter((line) => existing.has(line.productId));
    const timestamp = now().toISOString();
    try {
      await repository.transitionOrder(order, "CANCELLED", timestamp, returns);
      return { ...order, status: "CANCELLED", version: order.version + 1, updatedAt: timestamp };
    } catch (error) {
      if (!transactionCancellationReasons(error)) throw error;
      await pause(attempt); // the order or a product changed meanwhile: look again
    }
  }
  throw new ConflictError(`Order ${id} kept changing while it was being cancelled; retry.`);
}
