import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../src/pagination";
import { ValidationError } from "../src/errors";

describe("cursors", () => {
  const key = { pk: "PRODUCT#1", sk: "PRODUCT", gsi1pk: "PRODUCTS", gsi1sk: "1" };

  it("round-trips within the same scope", () => {
    expect(decodeCursor("products", encodeCursor("products", key)!)).toEqual(key);
    expect(encodeCursor("products", undefined)).toBeNull();
    expect(decodeCursor("products", undefined)).toBeUndefined();
  });

  it("refuses a cursor from another scope, edited, or unsigned", () => {
    const cursor = encodeCursor("orders:user:alice", key)!;
    expect(() => decodeCursor("orders:user:mallory", cursor)).toThrow(ValidationError);
    const [payload, signature] = cursor.split(".") as [string, string];
    const edited = Buffer.from(JSON.stringify({ s: "orders:user:alice", k: { ...key, pk: "PRODUCT#2" } })).toString("base64url");
    expect(() => decodeCursor("orders:user:alice", `${edited}.${signature}`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", payload)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `${payload}.${signature}.x`)).toThrow(ValidationError);
  });
});
