import { crc32, deflateSync } from "node:zlib";
import { expect } from "vitest";
import { get, post } from "./http";
import { adminToken } from "./users";
import { waitFor } from "./wait";

/**
 * A real PNG (browsers can draw it): `width`×`height`, a diagonal blend between two colours,
 * so screenshots show an actual picture.
 */
export function png(width: number, height: number, from: [number, number, number], to: [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height - 2 || 1);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Uploads an image to a product the way the admin pages do (presigned PUT) and waits until it is attached. */
export async function attachImage(productId: string, bytes: Buffer): Promise<string> {
  const ticket = await post(`/products/${productId}/images`, { contentType: "image/png", size: bytes.length }, { token: await adminToken() });
  expect(ticket.status, ticket.text).toBe(201);
  const put = await fetch(ticket.body.uploadUrl, { method: "PUT", headers: ticket.body.headers, body: bytes });
  expect(put.status).toBe(200);
  await waitFor("the image to be attached", async () => {
    const read = await get(`/products/${productId}`);
    return read.body.images?.some((image: { id: string }) => image.id === ticket.body.imageId) ? true : undefined;
  });
  return ticket.body.imageId as string;
}
