import { request as httpRequest, createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback, type Listening } from "../src/emulators/ports";
import { BodyTooLarge, readBody } from "../src/http/body";

const LIMIT = 1024;
let listening: Listening;

/** Echoes the body's length, or 413 when readBody refused it. */
beforeAll(async () => {
  const server = createServer((request, response) => {
    readBody(request, LIMIT).then(
      (body) => response.writeHead(200).end(String(body.length)),
      (error: unknown) => response.writeHead(error instanceof BodyTooLarge ? 413 : 500).end(),
    );
  });
  listening = await listenOnLoopback(server, 0);
});

afterAll(() => listening.close());

/** Sends `chunks` as the body, chunked (no content-length) unless `contentLength` is given. */
function send(chunks: Buffer[], contentLength?: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${listening.url}/`, { method: "POST", headers: contentLength === undefined ? {} : { "content-length": contentLength } }, (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => resolve({ status: response.statusCode!, text: Buffer.concat(parts).toString() }));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe("readBody", () => {
  it("reads a body sent in several chunks whole", async () => {
    expect(await send([Buffer.alloc(300), Buffer.alloc(300), Buffer.alloc(LIMIT - 600)])).toEqual({ status: 200, text: String(LIMIT) });
  });

  it("refuses a body whose content-length is over the limit, and the client still gets the answer", async () => {
    expect((await send([Buffer.alloc(LIMIT + 1)], LIMIT + 1)).status).toBe(413);
  });

  it("refuses a chunked body once it grows past the limit, and the client still gets the answer", async () => {
    expect((await send([Buffer.alloc(LIMIT), Buffer.alloc(LIMIT)])).status).toBe(413);
  });

  it("reads an empty body as empty", async () => {
    expect(await send([])).toEqual({ status: 200, text: "0" });
  });
});
