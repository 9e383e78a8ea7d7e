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

  it("refuses a cursor from another scope, edited, unsigned, or naming another secret version", () => {
    const cursor = encodeCursor("orders:user:alice", key)!;
    expect(() => decodeCursor("orders:user:mallory", cursor)).toThrow(ValidationError);
    const [version, payload, signature] = cursor.split(".") as [string, string, string];
    expect(version).toBe("v1"); // the test stack's secret is a plain value: version v1
    const edited = Buffer.from(JSON.stringify({ s: "orders:user:alice", k: { ...key, pk: "PRODUCT#2" } })).toString("base64url");
    expect(() => decodeCursor("orders:user:alice", `${version}.${edited}.${signature}`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `${version}.${payload}`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `${payload}.${signature}`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `${cursor}.x`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `v2.${payload}.${signature}`)).toThrow(ValidationError);
    // A signature of another length is refused the same way (the constant-time comparison
    // itself would throw a RangeError, a 500, on buffers of unequal length).
    expect(() => decodeCursor("orders:user:alice", `${version}.${payload}.${signature.slice(1)}`)).toThrow(ValidationError);
    expect(() => decodeCursor("orders:user:alice", `${version}.${payload}.${signature}A`)).toThrow(ValidationError);
  });

  it("names the cursor field in the refusal", () => {
    const error = (() => {
      try {
        decodeCursor("products", "v1.e30.x");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: "cursor", message: "is not a valid cursor for this query" }]);
  });
});
