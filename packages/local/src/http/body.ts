import type { IncomingMessage } from "node:http";

/** The request's body is larger than the limit it was read with. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/**
 * A request's whole body. One larger than `limit` bytes (by its content-length, or as it
 * arrives) is refused with BodyTooLarge without being held; the rest of it is drained, so the
 * connection stays usable for the answer that says so.
 */
export function readBody(request: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      request.removeAllListeners("data");
      request.resume();
      reject(new BodyTooLarge(limit));
    };
    if (Number(request.headers["content-length"] ?? 0) > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse();
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
