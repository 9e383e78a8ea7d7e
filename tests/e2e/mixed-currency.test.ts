/**
 * An order is priced in one currency: lines of products priced in different currencies are
 * refused (422 naming `lines`) before anything is written, whatever the order of the lines,
 * while each product on its own can still be ordered.
 */
import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { itemCount } from "../support/table";
import { newUser } from "../support/users";

describe("mixed currencies", () => {
  it("refuses an order mixing currencies, naming `lines`, and takes no stock", async () => {
    const user = await newUser();
    const euro = await createProduct({ price: { amount: 1000, currency: "EUR" }, stock: 10 });
    const dollar = await createProduct({ price: { amount: 1000, currency: "USD" }, stock: 10 });
    const yen = await createProduct({ price: { amount: 1000, currency: "JPY" }, stock: 10 });
    const orders = [
      [euro, dollar],
      [dollar, euro],
      [euro, yen, dollar],
    ];
    const before = await itemCount();
    for (const products of orders) {
      const response = await post("/orders", { lines: products.map((product) => ({ productId: product.id, quantity: 2 })) }, { token: user.accessToken });
      expect(response.status, response.text).toBe(422);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.body.errors).toEqual([{ path: "lines", message: expect.stringMatching(/same currency/) }]);
    }
    expect(await itemCount()).toBe(before);
    for (const product of [euro, dollar, yen]) expect((await get(`/products/${product.id}`)).body).toMatchObject({ stock: 10, version: 1 });
    expect((await get("/me/orders", { token: user.accessToken })).body.items).toEqual([]);

    // Each currency on its own is fine: the refusal was the mix.
    const single = await post("/orders", { lines: [{ productId: dollar.id, quantity: 2 }] }, { token: user.accessToken });
    expect(single.status, single.text).toBe(201);
    expect(single.body.total).toEqual({ amount: 2000, currency: "USD" });
  });
});
