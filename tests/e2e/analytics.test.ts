import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { salesOf } from "../support/pipeline";
import { adminToken, customerToken } from "../support/users";
import { waitFor } from "../support/wait";

describe("sales analytics reads are bounded", () => {
  it("refuses a range longer than 366 days, naming the field, and takes a full leap year", async () => {
    const admin = await adminToken();
    const tooLong = await get("/analytics/sales?from=2024-01-01&to=2025-01-01", { token: admin });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([{ path: "to", message: "the range must not exceed 366 days" }]);
    const leapYear = await get("/analytics/sales?from=2024-01-01&to=2024-12-31", { token: admin });
    expect(leapYear.status, leapYear.text).toBe(200);
    for (const limit of ["0", "1001", "ten"]) {
      const refused = await get(`/analytics/sales?from=2024-01-01&to=2024-01-02&limit=${limit}`, { token: admin });
      expect(refused.status, limit).toBe(422);
      expect(refused.body.errors[0].path).toBe("limit");
    }
  });

  it("hands a report out a page at a time, with a cursor bound to that report", async () => {
    const products = await Promise.all([1, 2, 3].map(() => createProduct({ price: { amount: 500, currency: "EUR" }, stock: 5 }, "approve")));
    const placed = await post("/orders", { lines: products.map((product) => ({ productId: product.id, quantity: 1 })) }, { token: await customerToken() });
    expect(placed.status, placed.text).toBe(201);
    const day = (placed.body.createdAt as string).slice(0, 10);
    for (const product of products) {
      await waitFor("the sale to be counted", async () => ((await salesOf(product.id, day))[0]?.quantity === 1 ? true : undefined));
    }

    const admin = await adminToken();
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/analytics/sales?from=${day}&to=${day}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = await get(query, { token: admin });
      expect(page.status, page.text).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { productId: string; revenue: { currency: string } }) => `${item.productId}#${item.revenue.currency}`));
      if (pages === 0) {
        expect(page.body.cursor).toEqual(expect.any(String));
        // The cursor belongs to this report: another range or product refuses it.
        const elsewhere = await get(`/analytics/sales?from=${day}&to=${day}&productId=${products[0]!.id}&cursor=${encodeURIComponent(page.body.cursor)}`, { token: admin });
        expect(elsewhere.status).toBe(422);
      }
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 1000);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    for (const product of products) expect(seen).toContain(`${product.id}#EUR`);
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});
