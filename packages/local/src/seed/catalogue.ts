import type { NewProduct } from "@emporium/core/products";

/** A small catalogue so a fresh `bun dev` has something to browse and order. */
export const catalogue: NewProduct[] = [
  { name: "Espresso beans, 1 kg", description: "Dark roast, notes of cocoa.", price: { amount: 2490, currency: "EUR" }, stock: 120 },
  { name: "Pour-over kettle", description: "Gooseneck, 1 l, stainless steel.", price: { amount: 5900, currency: "EUR" }, stock: 35 },
  { name: "Ceramic dripper", description: "Size 02, white.", price: { amount: 2200, currency: "EUR" }, stock: 60 },
  { name: "Paper filters (100)", description: "Unbleached, size 02.", price: { amount: 650, currency: "EUR" }, stock: 500 },
  { name: "Burr grinder", description: "40 mm conical burrs, 18 settings.", price: { amount: 14900, currency: "EUR" }, stock: 12 },
  { name: "Milk jug, 600 ml", description: "For latte art.", price: { amount: 1800, currency: "EUR" }, stock: 80 },
  { name: "Cup set (4)", description: "Stoneware espresso cups.", price: { amount: 3200, currency: "EUR" }, stock: 40 },
  { name: "Descaler", description: "Citric acid, 500 g.", price: { amount: 990, currency: "EUR" }, stock: 200 },
];
