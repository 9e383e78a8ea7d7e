import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand } from "@aws-sdk/client-s3";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Resource } from "sst";
import { s3 } from "../aws/clients";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import { documentClient, isConditionalCheckFailure, tableName } from "../table";
import { productKey } from "./repository";
import { IMAGE_TYPES, MAX_IMAGE_BYTES, type ImageUpload, type ProductImage, type UploadTicket } from "./schema";
import { get } from "./service";

/**
 * Product images (seed 003, challenge 8). An admin asks for an upload URL: a presigned S3 PUT
 * whose signature covers the declared content type and size, so S3 refuses anything else. The
 * upload notifies the image processor, which trusts nothing it was told: it reads the object's
 * size and first bytes, and attaches it to the product or deletes it.
 */
export const UPLOAD_PREFIX = "uploads/";
const UPLOAD_URL_SECONDS = 10 * 60;
const DOWNLOAD_URL_SECONDS = 60 * 60;



export async function requestUpload(productId: string, upload: ImageUpload): Promise<UploadTicket> {
  await get(productId); // 404 for products that don't exist
  const imageId = newId();
  const key = `${UPLOAD_PREFIX}${productId}/${imageId}`;
  const url = await getSignedUrl(
    s3(),
    new PutObjectCommand({ Bucket: Resource.Uploads.name, Key: key, ContentType: upload.contentType, ContentLength: upload.size }),
    { expiresIn: UPLOAD_URL_SECONDS, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  return {
    imageId,
    uploadUrl: url,
    method: "PUT",
    headers: { "content-type": upload.contentType, "content-length": String(upload.size) },
    expiresAt: new Date(Date.now() + UPLOAD_URL_SECONDS * 1000).toISOString(),
  };
}

/** The type the bytes say, whatever the uploader claimed. */
export function sniffImageType(bytes: Uint8Array): (typeof IMAGE_TYPES)[number] | undefined {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return "image/webp";
  return undefined;
}

/** Checks an uploaded object and attaches it to its product, or deletes it. */
export async function processUpload(key: string): Promise<"attached" | "rejected" | "gone"> {
  const match = /^uploads\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  const bucket = Resource.Uploads.name;
  const remove = async () => {
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return "rejected" as const;
  };
  if (!match) return remove();
  const [, productId, imageId] = match as unknown as [string, string, string];
  // Another check of the same key (a notification delivered twice) may delete the object
  // before either read: it is then gone, whichever read finds out.
  let size: number;
  let contentType: ReturnType<typeof sniffImageType>;
  try {
    size = (await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? 0;
    if (size < 1 || size > MAX_IMAGE_BYTES) return remove();
    const head = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: "bytes=0-15" }));
    contentType = sniffImageType(await head.Body!.transformToByteArray());
  } catch (error) {
    if (error instanceof NotFound || error instanceof NoSuchKey) return "gone";
    throw error;
  }
  if (!contentType) return remove();
  const image: ProductImage = { id: imageId, contentType, size };
  try {
    // `imageIds` makes a redelivered notification a no-op; the new version tells caches.
    await documentClient().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: productKey(productId),
        UpdateExpression: "SET images = list_append(if_not_exists(images, :none), :image), updatedAt = :now ADD imageIds :ids, version :one",
        ConditionExpression: "attribute_exists(pk) AND NOT contains(imageIds, :id)",
        ExpressionAttributeValues: { ":none": [], ":image": [image], ":id": imageId, ":ids": new Set([imageId]), ":now": new Date().toISOString(), ":one": 1 },
      }),
    );
    return "attached";
  } catch (error) {
    if (!isConditionalCheckFailure(error)) throw error;
    const product = await get(productId).catch(() => undefined);
    return product ? "attached" : remove(); // already attached (a redelivery), or the product is gone
  }
}

/** A short-lived download link for one of a product's images. */
export async function imageUrl(productId: string, imageId: string): Promise<string> {
  const product = await get(productId);
  if (!(product.images ?? []).some((image) => image.id === imageId)) throw new NotFoundError(`Product ${productId} has no image ${imageId}.`);
  return getSignedUrl(s3(), new GetObjectCommand({ Bucket: Resource.Uploads.name, Key: `${UPLOAD_PREFIX}${productId}/${imageId}` }), {
    expiresIn: DOWNLOAD_URL_SECONDS,
  });
}
