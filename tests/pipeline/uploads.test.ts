import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, inject, it } from "vitest";
import { get, post } from "../support/http";
import { adminToken, customerToken } from "../support/users";
import { createProduct } from "../support/catalogue";
import { waitFor } from "../support/wait";
import { functionLines } from "../support/logs";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../packages/local/src/local-account";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR-and-the-rest-of-a-tiny-png")]);

async function upload(productId: string, bytes: Buffer, contentType = "image/png") {
  const ticket = await post(`/products/${productId}/images`, { contentType, size: bytes.length }, { token: await adminToken() });
  expect(ticket.status, ticket.text).toBe(201);
  const put = await fetch(ticket.body.uploadUrl, { method: "PUT", headers: ticket.body.headers, body: bytes });
  expect(put.status).toBe(200);
  return ticket.body as { imageId: string; uploadUrl: string };
}

describe("product images: presigned upload → S3 notification → processor", () => {
  it("attaches a real image to its product and serves it through a redirect", async () => {
    const product = await createProduct();
    const { imageId } = await upload(product.id, PNG);
    const withImage = await waitFor("the image to be attached", async () => {
      const read = await get(`/products/${product.id}`);
      return read.body.images?.length === 1 ? read.body : undefined;
    });
    expect(withImage.images).toEqual([{ id: imageId, contentType: "image/png", size: PNG.length }]);
    expect(withImage.version).toBe(product.version + 1);

    const redirect = await fetch(`${inject("stack").apiUrl}/products/${product.id}/images/${imageId}`, { redirect: "manual" });
    expect(redirect.status).toBe(302);
    const image = await fetch(redirect.headers.get("location")!);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(PNG);
  });

  it("deletes an upload whose bytes are not the image it claims to be", async () => {
    const product = await createProduct();
    const fake = Buffer.from("<html>definitely not a png</html>");
    const { imageId } = await upload(product.id, fake, "image/png");
    const { endpoints, environment } = inject("stack");
    const bucket = JSON.parse(environment.SST_RESOURCE_Uploads!).name as string;
    const key = `uploads/${product.id}/${imageId}`;
    // Evidence that the processor ran on this upload and judged it, before looking for what is gone.
    const processed = await waitFor("the processor to handle the upload", async () =>
      functionLines("ImageProcessor").find((line) => line.message === "image upload processed" && line.key === key),
    );
    expect(processed.outcome).toBe("rejected");
    const s3 = new S3Client({ endpoint: endpoints.messaging, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
    try {
      // Gone, not unreachable: S3 answers 404 for the key (HEAD has no body, so no NoSuchKey code).
      await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).rejects.toMatchObject({ name: "NotFound", $metadata: { httpStatusCode: 404 } });
    } finally {
      s3.destroy();
    }
    expect((await get(`/products/${product.id}`)).body.images).toEqual([]);
    const missing = await fetch(`${inject("stack").apiUrl}/products/${product.id}/images/${imageId}`, { redirect: "manual" });
    expect(missing.status).toBe(404);
  });

  it("hands out upload URLs to admins only, for allowed types and sizes, for existing products", async () => {
    const product = await createProduct();
    expect((await post(`/products/${product.id}/images`, { contentType: "image/png", size: 10 }, { token: await customerToken() })).status).toBe(403);
    const admin = await adminToken();
    for (const body of [{ contentType: "image/gif", size: 10 }, { contentType: "image/png", size: 6 * 1024 * 1024 }, { contentType: "image/png", size: 0 }, { contentType: "image/png" }]) {
      expect((await post(`/products/${product.id}/images`, body, { token: admin })).status, JSON.stringify(body)).toBe(422);
    }
    expect((await post("/products/01ARZ3NDEKTSV4RRFFQ69G5FAV/images", { contentType: "image/png", size: 10 }, { token: admin })).status).toBe(404);
  });
});
