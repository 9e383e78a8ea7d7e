import { can, isAdmin, type Actor, type Principal } from "../auth";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { newId } from "../ids";
import { decodeCursor, DEFAULT_LIMIT, encodeCursor, type Page } from "../pagination";
import { getProducts } from "../products";
import { LOST_RACE, retryLostRaces, transactionCancellationReasons } from "../table";
import * as repository from "./repository";
import { canTransition, releasesStock, type OrderStatus } from "./lifecycle";
import { priceOrder } from "./pricing";
import type { Order, OrderSearch, OrderWithLines, PlaceOrder } from "./schema";

/**
 * How often a write that lost a race (a transaction conflict, or a product edited between
 * pricing and writing) is priced and tried again before the caller gets a 409.
 */
const MAX_ATTEMPTS = 10;

/**
 * Places an order: prices every line from the catalogue (never from the client, see
 * ./pricing.ts) and writes the order, its lines and the stock decrements in one transaction,
 * so stock can never go negative.
 */
export async function place(principal: Principal, input: PlaceOrder, now = () => new Date()): Promise<OrderWithLines> {
  const orderId = newId();
  const placed = await retryLostRaces(MAX_ATTEMPTS, async () => {
    const products = await getProducts(input.lines.map((line) => line.productId));
    const { order, lines } = priceOrder(input, products, { id: orderId, userId: principal.userId }, now().toISOString());
    try {
      await repository.insertOrder(order, lines);
      return { ...order, lines };
    } catch (error) {
      // Stock taken or a product edited since we read it, or a concurrent transaction: re-price.
      if (!transactionCancellationReasons(error)) throw error;
      return LOST_RACE;
    }
  });
  if (placed === LOST_RACE) throw new ConflictError("The order could not be placed because the products kept changing; retry.");
  return placed;
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
 * The one way an order changes status (see ./lifecycle.ts): read it, let `guard` refuse, then
 * write the new status with a condition on the status and version just read, giving stock back
 * in the same transaction when the new status releases it. A write that lost a race reads again
 * (the guard then sees the winner's status). Returns whether this call made the change.
 */
async function move(
  id: string,
  to: OrderStatus,
  now: () => Date,
  read: (id: string) => Promise<OrderWithLines | undefined> = repository.getOrder,
  guard: (order: OrderWithLines) => void = () => {},
): Promise<{ order: OrderWithLines; changed: boolean }> {
  const moved = await retryLostRaces(MAX_ATTEMPTS, async () => {
    const order = await read(id);
    if (!order) throw new NotFoundError(`Order ${id} does not exist.`);
    guard(order);
    if (order.status === to) return { order, changed: false };
    if (!canTransition(order.status, to)) throw new ConflictError(`Order ${id} is ${order.status} and cannot become ${to}.`);
    // Stock goes back only to products still in the catalogue.
    const existing = releasesStock(to) ? await getProducts(order.lines.map((line) => line.productId)) : new Map();
    const returns = order.lines.filter((line) => existing.has(line.productId));
    const timestamp = now().toISOString();
    try {
      await repository.transitionOrder(order, to, timestamp, returns);
      return { order: { ...order, status: to, version: order.version + 1, updatedAt: timestamp }, changed: true };
    } catch (error) {
      if (!transactionCancellationReasons(error)) throw error;
      return LOST_RACE; // the order or a product changed meanwhile: look again
    }
  });
  if (moved === LOST_RACE) throw new ConflictError(`Order ${id} kept changing; retry.`);
  return moved;
}

/**
 * Moves an order along the lifecycle on behalf of the system (fulfilment). Idempotent: an
 * order already at `to` is left alone and returned; a move the lifecycle forbids from the
 * order's current status is a conflict.
 */
export async function advance(id: string, to: OrderStatus, now = () => new Date()): Promise<OrderWithLines> {
  return (await move(id, to, now)).order;
}

/** Every order of one status within dates (both optional), newest first, one query page at a time. */
export async function* pagesByStatus(status: OrderStatus, from?: string, to?: string, pageSize = 100): AsyncGenerator<Order[]> {
  let startKey: Record<string, string> | undefined;
  do {
    const page = await repository.listOrdersByStatus(status, from ?? "0", `${to ?? "9999"}~`, pageSize, startKey);
    if (page.items.length > 0) yield page.items;
    startKey = page.lastKey;
  } while (startKey);
}

/** Cancels a PENDING order of the caller's and puts its stock back, in one transaction. */
export async function cancel(principal: Principal, id: string, now = () => new Date()): Promise<OrderWithLines> {
  const { order } = await move(id, "CANCELLED", now, (orderId) => get(principal, orderId), (order) => {
    if (order.userId !== principal.userId) throw new ForbiddenError("Only the customer who placed an order can cancel it.");
    if (order.status !== "PENDING") throw new ConflictError(`Order ${id} is ${order.status} and can no longer be cancelled.`);
  });
  return order;
}

/**
 * Expires every order still PENDING after `holdMinutes`, giving its stock back. Reads the
 * status index (PENDING orders by creation time, oldest first up to the cutoff), never the
 * whole table; each expiry is a conditional write, so an order confirmed or cancelled since the
 * index was read is left alone. Returns the ids it expired.
 */
export async function expireStale(holdMinutes: number, now = () => new Date()): Promise<string[]> {
  const cutoff = new Date(now().getTime() - holdMinutes * 60_000).toISOString();
  const expired: string[] = [];
  let startKey: Record<string, string> | undefined;
  do {
    const page = await repository.listOrdersByStatus("PENDING", "0", cutoff, 100, startKey);
    for (const stale of page.items) {
      try {
        const { changed } = await move(stale.id, "EXPIRED", now, repository.getOrder, (order) => {
          if (order.status !== "PENDING" || order.createdAt >= cutoff) throw new ConflictError(`Order ${order.id} is no longer due to expire.`);
        });
        if (changed) expired.push(stale.id);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // confirmed, cancelled or failed meanwhile
      }
    }
    startKey = page.lastKey;
  } while (startKey);
  return expired;
}
