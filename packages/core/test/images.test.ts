import { describe, expect, it } from "vitest";
import { sniffImageType } from "../src/products/images";

describe("image type sniffing", () => {
  it("recognises PNG, JPEG and WebP by their magic bytes, and nothing else", () => {
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBP")]))).toBe("image/webp");
    expect(sniffImageType(new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVE")]))).toBeUndefined();
    expect(sniffImageType(new Uint8Array(Buffer.from("<svg></svg>")))).toBeUndefined();
    expect(sniffImageType(new Uint8Array([]))).toBeUndefined();
  });
});
