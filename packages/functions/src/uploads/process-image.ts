import type { S3Event } from "aws-lambda";
import * as Products from "@emporium/core/products";
import { logger } from "../http";

/**
 * S3 object-created notifications for product images: each upload is checked and attached to
 * its product, or deleted. Keys arrive URL-encoded, spaces as `+`, as S3 sends them.
 */
export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    const outcome = await Products.processUpload(key);
    logger.info("image upload processed", { key, outcome });
  }
}
