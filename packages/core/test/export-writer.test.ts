import { describe, expect, it } from "vitest";
import { csvChunks } from "../src/exports/writer";
import { ExportFailure } from "../src/exports/failure";
import type { Order } from "../src/orders";

const order = (n: number): Order =>
  ({
    id: `ORDER${String(n).padStart(6, "0")}`,
    userId: "00000000-0000-4000-8000-000000000001",
    status: "CONFIRMED",
    total: { amount: n, currency: "EUR" },
    lineCount: 1,
    createdAt: "2026-11-21T10:00:00.000Z",
    updatedAt: "2026-11-21T10:00:00.000Z",
  }) as Order;

/** Pages of `size` orders, counting how many rows have been handed out so far. */
function source(pages: number, size: number, produced = { rows: 0 }) {
  return {
    produced,
    pages: (async function* () {
      for (let p = 0; p < pages; p++) {
        produced.rows += size;
        yield Array.from({ length: size }, (_, i) => order(p * size + i));
      }
    })(),
  };
}

describe("export CSV writer", () => {
  it("never holds more than one page of rows ahead of what was written", async () => {
    const pageSize = 25;
    const { pages, produced } = source(40, pageSize);
    let written = 0;
    let mostHeld = 0;
    const out: string[] = [];
    for await (const chunk of csvChunks(pages, 10_000)) {
      const rows = chunk.split("\r\n").length - 1;
      if (!chunk.startsWith("id,")) written += rows;
      mostHeld = Math.max(mostHeld, produced.rows - written);
      out.push(chunk);
    }
    expect(mostHeld).toBeLessThanOrEqual(pageSize);
    expect(written).toBe(1000);
    const lines = out.join("").trimEnd().split("\r\n");
    expect(lines[0]).toBe("id,userId,status,totalAmount,currency,lineCount,createdAt,updatedAt");
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(Array.from({ length: 1000 }, (_, n) => order(n).id));
  });

  it("fails for good, with a reason, as soon as the rows pass the job's limit, without reading further", async () => {
    const { pages, produced } = source(100, 10);
    const counter = { rows: 0 };
    const failure = await (async () => {
      for await (const _ of csvChunks(pages, 35, counter));
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExportFailure);
    expect((failure as Error).message).toMatch(/more than 35 rows/);
    expect(produced.rows).toBe(40);
  });
});
