/**
 * Product images against the real table and the uploads bucket (fauxqs serves S3): the upload
 * ticket, the check of an uploaded object (its size and first bytes, never what the uploader
 * said) and where it ends up, and the download link.
 *
 * Under `bun run test` the stack's image processor also checks every object put under
 * `uploads/` (an S3 notification), so for those objects this test and the processor race:
 * whichever comes second finds the image attached already, or the object deleted ("gone").
 * The assertions hold for either order: where the object ends up, the product's images, and
 * an outcome of the two the race allows. Objects outside `uploads/` and keys never uploaded
 * notify nobody and get exact outcomes.
 */
import { randomUUID } from "node:crypto";
import { DeleteObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Resource } from "sst";
import { afterAll, describe, expect, it } from "vitest";
import { s3 as s3Of } from "../src/aws/clients";
import { NotFoundError } from "../src/errors";
import { newId } from "../src/ids";
import * as Products from "../src/products";

const s3 = new S3Client({ forcePathStyle: true });
afterAll(() => s3.destroy());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR, and the rest of an image")]);

const product = () => Products.create({ name: `Pictured ${randomUUID()}`, description: "", price: { amount: 100, currency: "EUR" }, stock: 1 });

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: Resource.Uploads.name, Key: key }));
    return true;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

const put = (key: string, body: Uint8Array) => s3.send(new PutObjectCommand({ Bucket: Resource.Uploads.name, Key: key, Body: body }));

/** An object under `uploads/` that fails the check: deleted, whoever checked it first. */
async function expectRejected(key: string) {
  expect(["rejected", "gone"]).toContain(await Products.processUpload(key));
  expect(await exists(key)).toBe(false);
}

describe("product images", () => {
  it("hands out a presigned PUT for the declared type and size, for products that exist", async () => {
    const { id } = await product();
    const before = Date.now();
    const ticket = await Products.requestUpload(id, { contentType: "image/png", size: PNG.length });
    expect(ticket).toEqual({
      imageId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      uploadUrl: expect.any(String),
      method: "PUT",
      headers: { "content-type": "image/png", "content-length": String(PNG.length) },
      expiresAt: expect.any(String),
    });
    const url = new URL(ticket.uploadUrl);
    expect(url.pathname).toBe(`/${Resource.Uploads.name}/uploads/${id}/${ticket.imageId}`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("600");
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(expect.arrayContaining(["content-length", "content-type", "host"]));
    const expiresIn = Date.parse(ticket.expiresAt) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(599_000);
    expect(expiresIn).toBeLessThanOrEqual(601_000);

    const unknown = newId();
    const error = await Products.requestUpload(unknown, { contentType: "image/png", size: 10 }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("attaches an uploaded image once, as the type its bytes say, bumping the product's version, and links to it", async () => {
    const created = await product();
    const ticket = await Products.requestUpload(created.id, { contentType: "image/jpeg", size: PNG.length });
    // The uploader claimed JPEG; the bytes are PNG.
    const upload = await fetch(ticket.uploadUrl, { method: "PUT", headers: ticket.headers, body: PNG });
    expect(upload.status).toBe(200);
    const key = `uploads/${created.id}/${ticket.imageId}`;
    expect(await Products.processUpload(key)).toBe("attached");
    const attached = await Products.get(created.id);
    expect(attached.images).toEqual([{ id: ticket.imageId, contentType: "image/png", size: PNG.length }]);
    expect(attached.version).toBe(created.version + 1);
    // A redelivered notification changes nothing.
    expect(await Products.processUpload(key)).toBe("attached");
    expect(await Products.get(created.id)).toEqual(attached);
    expect(await exists(key)).toBe(true);

    const link = await Products.imageUrl(created.id, ticket.imageId);
    expect(new URL(link).searchParams.get("X-Amz-Expires")).toBe("3600");
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);

    const other = newId();
    const error = await Products.imageUrl(created.id, other).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(`Product ${created.id} has no image ${other}.`);
  });

  it("deletes what is not an image, an empty object, and an image for a product that does not exist, attaching nothing", async () => {
    const created = await product();
    const notAnImage = `uploads/${created.id}/${newId()}`;
    await put(notAnImage, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'></svg>"));
    await expectRejected(notAnImage);
    const empty = `uploads/${created.id}/${newId()}`;
    await put(empty, new Uint8Array());
    await expectRejected(empty);
    expect((await Products.get(created.id)).images ?? []).toEqual([]);
    expect((await Products.get(created.id)).version).toBe(created.version);

    const orphan = `uploads/${newId()}/${newId()}`;
    await put(orphan, PNG);
    await expectRejected(orphan);
  });

  it("deletes an object whose key is not an upload's, and reports an upload that is not there as gone", async () => {
    // Outside `uploads/`: no notification, so only this call checks it.
    const stray = `strays/${randomUUID()}.png`;
    await put(stray, PNG);
    expect(await Products.processUpload(stray)).toBe("rejected");
    expect(await exists(stray)).toBe(false);
    expect(await Products.processUpload(`uploads/${newId()}/${newId()}`)).toBe("gone");
  });

  it("reports an upload deleted between its size and its first bytes as gone (another check deleted it)", async () => {
    const created = await product();
    const key = `uploads/${created.id}/${newId()}`;
    await put(key, PNG);
    // Another check of the same key (the stack's processor, a notification S3 delivered twice)
    // deletes the object right after this one has read its size.
    const name = `delete-after-head-${randomUUID()}`;
    s3Of().middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "HeadObjectCommand" && (args.input as { Key?: string }).Key === key) {
          await s3.send(new DeleteObjectCommand({ Bucket: Resource.Uploads.name, Key: key }));
        }
        return result;
      },
      { step: "initialize", name },
    );
    try {
      expect(await Products.processUpload(key)).toBe("gone");
    } finally {
      s3Of().middlewareStack.remove(name);
    }
  });
});
