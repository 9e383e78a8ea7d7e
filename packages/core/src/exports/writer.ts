import { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Order } from "../orders";
import { ORDER_CSV_HEADER, orderCsvRow } from "./csv";
import { ExportFailure } from "./failure";

/** S3's smallest multipart part; with one part in flight, the upload buffers at most about this much. */
export const PART_BYTES = 5 * 1024 * 1024;

/**
 * The CSV as chunks, one per page of orders, pulled lazily: the writer holds one page of rows
 * at a time, whatever the export's size. More than `maxRows` rows fails the export for good.
 */
export async function* csvChunks(pages: AsyncIterable<Order[]>, maxRows: number, counter = { rows: 0 }): AsyncGenerator<string> {
  yield `${ORDER_CSV_HEADER.join(",")}\r\n`;
  for await (const page of pages) {
    counter.rows += page.length;
    if (counter.rows > maxRows) {
      throw new ExportFailure(`The export has more than ${maxRows} rows, its limit; narrow the filter (status, from, to) or raise maxRows.`);
    }
    yield page.map((order) => `${orderCsvRow(order)}\r\n`).join("");
  }
}

/**
 * Streams chunks to one S3 object as a multipart upload (a single PUT when it stays under one
 * part), one part in flight. A failure of the source or of S3, or `stop` being aborted (the
 * worker running out of time), aborts the upload, so no partial object is left behind, and
 * rejects (an abort with an `AbortError`).
 */
export async function streamToS3(
  client: S3Client,
  bucket: string,
  key: string,
  chunks: AsyncIterable<string>,
  options: { onPart?: (part: number) => void; stop?: AbortSignal } = {},
): Promise<void> {
  const upload = new Upload({
    client,
    params: { Bucket: bucket, Key: key, Body: Readable.from(chunks), ContentType: "text/csv; charset=utf-8" },
    partSize: PART_BYTES,
    queueSize: 1,
    leavePartsOnError: false,
  });
  const { onPart, stop } = options;
  if (onPart) upload.on("httpUploadProgress", (progress) => progress.part !== undefined && onPart(progress.part));
  if (stop?.aborted) throw Object.assign(new Error("Upload aborted."), { name: "AbortError" });
  stop?.addEventListener("abort", () => void upload.abort(), { once: true });
  await upload.done();
}
