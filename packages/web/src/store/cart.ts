import { useSyncExternalStore } from "react";
import type { Money, Product } from "../api/types";

/**
 * The cart: a list of product ids and quantities kept in localStorage so it survives a reload
 * (it holds no secret). Names and prices are what the shopper saw; the order the API places
 * uses the current prices.
 */
export interface CartLine {
  productId: string;
  name: string;
  unitPrice: Money;
  quantity: number;
}

const KEY = "emporium.cart";
const listeners = new Set<() => void>();
let snapshot: CartLine[] = read();

function read(): CartLine[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? (value as CartLine[]) : [];
  } catch {
    return [];
  }
}

function write(lines: CartLine[]) {
  snapshot = lines;
  localStorage.setItem(KEY, JSON.stringify(lines));
  for (const listener of listeners) listener();
}

// Another tab changed the cart.
window.addEventListener("storage", (event) => {
  if (event.key !== KEY) return;
  snapshot = read();
  for (const listener of listeners) listener();
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const cart = {
  add(product: Pick<Product, "id" | "name" | "price">, quantity = 1) {
    const existing = snapshot.find((line) => line.productId === product.id);
    write(
      existing
        ? snapshot.map((line) => (line === existing ? { ...line, quantity: line.quantity + quantity } : line))
        : [...snapshot, { productId: product.id, name: product.name, unitPrice: product.price, quantity }],
    );
  },
  setQuantity(productId: string, quantity: number) {
    write(quantity <= 0 ? snapshot.filter((line) => line.productId !== productId) : snapshot.map((line) => (line.productId === productId ? { ...line, quantity } : line)));
  },
  remove(productId: string) {
    write(snapshot.filter((line) => line.productId !== productId));
  },
  clear() {
    write([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function cartTotal(lines: CartLine[]): Money | null {
  const first = lines[0];
  if (!first) return null;
  return { amount: lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0), currency: first.unitPrice.currency };
}
