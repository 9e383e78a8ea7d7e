import { describe, expect, it } from "vitest";
import { get, post } from "../support/http";
import { createProduct } from "../support/catalogue";
import { adminToken, customerToken, newUser } from "../support/users";
import { waitFor } from "../support/wait";

describe("order exports (202 + job + presigned download)", () => {
  it("accepts the request, runs it on the queue, and hands out a download link to the CSV", async () => {
    const user = await newUser();
    const product = await createProduct({ price: { amount: 1013, currency: "EUR" }, stock: 5 }, "unavailable"); // stays PENDING
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    const admin = await adminToken();
    const since = placed.body.createdAt as string;

    const accepted = await post("/exports/orders", { status: "PENDING", from: since }, { token: admin });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get("location")).toBe(`/exports/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: "QUEUED", filter: { status: "PENDING", from: since } });

    const done = await waitFor("the export to finish", async () => {
      const job = await get(`/exports/${accepted.body.id}`, { token: admin });
      return job.body.status === "DONE" ? job.body : undefined;
    });
    expect(done).toMatchObject({ rows: expect.any(Number), objectKey: `exports/${accepted.body.id}.csv`, downloadUrl: expect.stringContaining("X-Amz-Signature=") });
    const csv = await (await fetch(done.downloadUrl)).text();
    const [header, ...rows] = csv.trim().split("\r\n");
    expect(header).toBe("id,userId,status,totalAmount,currency,lineCount,createdAt,updatedAt");
    expect(rows).toHaveLength(done.rows);
    expect(rows.find((row) => row.startsWith(placed.body.id))).toBe(
      [placed.body.id, placed.body.userId, "PENDING", 1013, "EUR", 1, placed.body.createdAt, placed.body.updatedAt].join(","),
    );
  });

  it("exports everything with an empty filter, and the table stream keeps flowing afterwards", async () => {
    const admin = await adminToken();
    const accepted = await post("/exports/orders", {}, { token: admin });
    expect(accepted.status).toBe(202);
    const done = await waitFor("the unfiltered export", async () => {
      const job = await get(`/exports/${accepted.body.id}`, { token: admin });
      return job.body.status === "DONE" ? job.body : undefined;
    });
    expect(done.rows).toBeGreaterThan(0);
    // The job item (with its empty filter map) went through the stream; orders still confirm.
    const user = await newUser();
    const product = await createProduct({ price: { amount: 800, currency: "EUR" }, stock: 5 }, "approve");
    const placed = await post("/orders", { lines: [{ productId: product.id, quantity: 1 }] }, { token: user.accessToken });
    await waitFor("the next order to be confirmed", async () =>
      (await get(`/orders/${placed.body.id}`, { token: user.accessToken })).body.status === "CONFIRMED" ? true : undefined,
    );
  });

  it("is for admins only and validates its filter", async () => {
    expect((await post("/exports/orders", {}, { token: await customerToken() })).status).toBe(403);
    const admin = await adminToken();
    for (const body of [{ status: "LOST" }, { from: "yesterday" }, { from: "2026-02-01", to: "2026-01-01" }, { format: "xlsx" }]) {
      expect((await post("/exports/orders", body, { token: admin })).status, JSON.stringify(body)).toBe(422);
    }
    expect((await get("/exports/01ARZ3NDEKTSV4RRFFQ69G5FAV", { token: admin })).status).toBe(404);
  });
});
