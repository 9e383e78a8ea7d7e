import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { api } from "../api/client";
import { ApiError, humanMessage, unwrap } from "../api/problem";
import type { ImageUploadTicket, NewImage, Product } from "../api/types";
import { ProductImage } from "../store/product-image";
import { productKey, readProduct, withNewerRead, type VersionedProduct } from "./product-edit";

/** Storage's own refusal or a dropped connection during the PUT (not an API problem). */
class UploadError extends Error {}

/**
 * PUTs the file to the presigned URL with the headers the ticket requires. XMLHttpRequest
 * rather than fetch: only it reports upload progress. Content-Length is the browser's to set.
 */
function putToStorage(ticket: ImageUploadTicket, file: File, onProgress: (sent: number, total: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(ticket.method, ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.headers)) if (name.toLowerCase() !== "content-length") request.setRequestHeader(name, value);
    request.upload.addEventListener("progress", (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    request.addEventListener("load", () =>
      request.status >= 200 && request.status < 300 ? resolve() : reject(new UploadError(`Storage refused the picture (HTTP ${request.status}). Please try again.`)),
    );
    request.addEventListener("error", () => reject(new UploadError("The picture did not reach storage. Check your connection and try again.")));
    request.send(file);
  });
}

/** The API's refusal, with what it says about the file (its fields are not inputs on this page). */
function refusal(error: unknown): string {
  if (!(error instanceof ApiError)) return humanMessage(error);
  const names: Record<string, string> = { contentType: "File type", size: "File size" };
  return [humanMessage(error), ...Object.entries(error.fields).map(([path, message]) => `${names[path] ?? path}: ${message}.`)].join(" ");
}

const POLL_MS = 1000;
const POLL_ATTEMPTS = 30;

type Phase =
  | { name: "idle" }
  | { name: "uploading"; sent: number; total: number; file: string }
  | { name: "processing"; total: number; file: string }
  | { name: "done"; file: string }
  | { name: "failed"; message: string };

/**
 * A product picture: the API issues a presigned PUT (type and size fixed), the browser sends the
 * file straight to storage with a progress bar, and storage's notification makes the image
 * processor check it and attach it. The page asks for the product until the picture is there.
 */
export function ImageUpload({ product }: { product: Product }) {
  const inputId = useId();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const busy = phase.name === "uploading" || phase.name === "processing";

  async function upload(file: File) {
    try {
      setPhase({ name: "uploading", sent: 0, total: file.size, file: file.name });
      const ticket = unwrap(
        await api.POST("/products/{id}/images", {
          params: { path: { id: product.id } },
          // Any other type is the API's to refuse, with its message.
          body: { contentType: file.type as NewImage["contentType"], size: file.size },
        }),
      );
      await putToStorage(ticket, file, (sent, total) => setPhase({ name: "uploading", sent, total, file: file.name }));
      setPhase({ name: "processing", total: file.size, file: file.name });
      for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const current = await readProduct(product.id);
        if (current.product.images?.some((image) => image.id === ticket.imageId)) {
          queryClient.setQueryData<VersionedProduct>(productKey(product.id), (held) => withNewerRead(held, current));
          void queryClient.invalidateQueries({ queryKey: ["admin-products"] });
          void queryClient.invalidateQueries({ queryKey: ["products"] });
          setPhase({ name: "done", file: file.name });
          return;
        }
      }
      setPhase({
        name: "failed",
        message: `${file.name} was uploaded but has not appeared yet. Pictures that are not real PNG, JPEG or WebP files are discarded; otherwise reload the page in a moment.`,
      });
    } catch (error) {
      setPhase({ name: "failed", message: error instanceof UploadError ? error.message : refusal(error) });
    }
  }

  const images = product.images ?? [];
  return (
    <div className="image-upload">
      {images.length === 0 ? (
        <p>No pictures yet. The shop shows the product's initial instead.</p>
      ) : (
        <ul className="admin-thumbs" aria-label="Pictures">
          {images.map((image, index) => (
            <li key={image.id}>
              <ProductImage product={product} index={index} size="card" />
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={inputId}>Add a picture</label>
        <input
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          disabled={busy}
          aria-describedby={`${inputId}-hint`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (file) void upload(file);
          }}
        />
        <p className="field-hint" id={`${inputId}-hint`}>
          PNG, JPEG or WebP, up to 5 MB.
        </p>
      </div>
      {phase.name === "uploading" || phase.name === "processing" ? (
        <div className="upload-progress">
          <label htmlFor={`${inputId}-progress`}>
            {phase.name === "uploading" ? `Uploading ${phase.file}…` : `Checking ${phase.file}…`}
          </label>
          <progress id={`${inputId}-progress`} max={phase.total} value={phase.name === "uploading" ? phase.sent : phase.total}>
            {phase.name === "uploading" ? Math.round((phase.sent / Math.max(phase.total, 1)) * 100) : 100} %
          </progress>
        </div>
      ) : null}
      <p role="status" className="notice">
        {phase.name === "done" ? `${phase.file} is on the product page now.` : phase.name === "processing" ? "Uploaded. Waiting for the picture to be checked…" : ""}
      </p>
      {phase.name === "failed" ? (
        <div className="alert" role="alert">
          <strong>The picture was not added. </strong>
          {phase.message}
        </div>
      ) : null}
    </div>
  );
}
