import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { newUser } from "../support/users";
import { createProduct } from "../support/catalogue";
import { offlineOnly } from "../support/target";

describe("stock under contention", offlineOnly, () => {
  it("sells exactly the stock when 100 orders race for 10 units", async () => {
    const product = await createProduct({ stock: 10 });
    const buyers = await Promise.all(Array.from({ length: 4 }, () => newUser()));
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: buyers[i % buyers.length]!.accessToken }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(90);
    expect((await get(`/products/${product.id}`)).body.stock).toBe(0);

    let sold = 0;
    for (const buyer of buyers) {
      const orders = await get("/me/orders?limit=100", { token: buyer.accessToken });
      sold += orders.body.items.length;
    }
    expect(sold).toBe(10);
  });
});
