import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { api } from "../api/client";
import { ApiError, unwrap } from "../api/problem";
import type { NewProduct, Product } from "../api/types";
import { formValues } from "../account/form";
import { formatDate, formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { QueryState } from "../ui/states";
import { ConfirmButton } from "./confirm-button";
import { ImageUpload } from "./image-upload";
import { ProductFields, productFromForm } from "./product-form";

export interface VersionedProduct {
  product: Product;
  etag: string | null;
}

/**
 * The product as the API holds it now, with its ETag. `no-cache` revalidates the browser's
 * copy (the public catalogue is cacheable for a minute), so an admin never edits a stale one.
 */
export async function readProduct(id: string): Promise<VersionedProduct> {
  const result = await api.GET("/products/{id}", { params: { path: { id } }, cache: "no-cache" });
  return { product: unwrap(result), etag: result.response.headers.get("etag") };
}

export const productKey = (id: string) => ["admin-product", id] as const;

const sameFields = (a: Product, b: Product) =>
  a.name === b.name && a.description === b.description && a.price.amount === b.price.amount && a.price.currency === b.price.currency && a.stock === b.stock;

/**
 * A newer read of the product, taken in without losing a conflict: when only its pictures
 * changed, the page moves to the new version; when someone also changed its fields, the page
 * shows the new pictures but keeps the version its form is based on, so saving is refused
 * (412) and the conflict is shown instead of overwriting their change.
 */
export function withNewerRead(held: VersionedProduct | undefined, fresh: VersionedProduct): VersionedProduct {
  if (!held || sameFields(held.product, fresh.product)) return fresh;
  return { ...held, product: { ...held.product, images: fresh.product.images ?? [] } };
}

export function EditProductPage({ id }: { id: string }) {
  const query = useQuery({ queryKey: productKey(id), queryFn: () => readProduct(id) });
  const created = new URLSearchParams(useSearch()).has("created");
  return (
    <div className="admin-narrow">
      <p className="breadcrumb">
        <Link href="/products">Products</Link> / Edit
      </p>
      <QueryState query={query} loading="Loading the product…">
        {(current) => (
          <>
            <PageTitle title={`${current.product.name} · Admin`}>{current.product.name}</PageTitle>
            {created ? <p className="notice-success">Created. Add pictures below; it is in the shop already.</p> : null}
            <ProductEditor current={current} />
            <section className="section" aria-labelledby="images-heading">
              <h2 id="images-heading">Pictures</h2>
              <ImageUpload product={current.product} />
            </section>
            <DeleteProduct product={current.product} />
          </>
        )}
      </QueryState>
    </div>
  );
}

interface Conflict {
  mine: NewProduct;
  theirs: VersionedProduct;
}

/**
 * Saves with If-Match: the API replaces the product only if it is still the version this page
 * showed. Otherwise (412) the page shows the newer version beside the unsaved changes and lets
 * the admin choose: load theirs (dropping these changes) or apply these changes on top of it.
 */
function ProductEditor({ current }: { current: VersionedProduct }) {
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  // What the inputs were filled from: replaced only when this page saves or loads a version,
  // never under the admin's fingers (an attached picture also makes a new version).
  const [loaded, setLoaded] = useState(current.product);
  const { product } = current;
  const save = useMutation({
    mutationFn: async ({ body, etag }: { body: NewProduct; etag: string | null }) => {
      const result = await api.PUT("/products/{id}", { params: { path: { id: product.id } }, body, headers: etag ? { "if-match": etag } : {} });
      return { product: unwrap(result), etag: result.response.headers.get("etag") };
    },
    onSuccess: (saved) => {
      setConflict(null);
      setLoaded(saved.product);
      queryClient.setQueryData(productKey(product.id), saved);
      void queryClient.invalidateQueries({ queryKey: ["admin-products"] });
      void queryClient.invalidateQueries({ queryKey: ["products"] });
    },
    onError: (error, { body }) => {
      // Without the newer version (it could not be read), the 412's own message is shown instead.
      if (error instanceof ApiError && error.status === 412) {
        readProduct(product.id).then(
          (theirs) => setConflict({ mine: body, theirs }),
          () => setConflict(null),
        );
      }
    },
  });
  const showConflict = conflict && save.error instanceof ApiError && save.error.status === 412;
  return (
    <form
      noValidate
      className="form"
      key={`${loaded.version}-${loaded.updatedAt}`}
      onSubmit={(event) => save.mutate({ body: productFromForm(formValues(event)), etag: current.etag })}
    >
      <p className="field-hint">
        Version {product.version}, last changed {formatDate(product.updatedAt)}.
      </p>
      <ProductFields initial={loaded} errors={fieldErrors(save.error)} />
      {showConflict ? (
        <div className="conflict" role="alert">
          <p>
            <strong>Someone else changed this product while you were editing it.</strong> Your changes are not saved. This is what the shop
            has now (version {conflict.theirs.product.version}):
          </p>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{conflict.theirs.product.name}</dd>
            <dt>Price</dt>
            <dd>{formatMoney(conflict.theirs.product.price)}</dd>
            <dt>Stock</dt>
            <dd>{conflict.theirs.product.stock}</dd>
            <dt>Description</dt>
            <dd>{conflict.theirs.product.description || "—"}</dd>
          </dl>
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setConflict(null);
                setLoaded(conflict.theirs.product);
                save.reset();
                queryClient.setQueryData(productKey(product.id), conflict.theirs);
              }}
            >
              Load their version
            </button>
            <button type="button" className="button" disabled={save.isPending} onClick={() => save.mutate({ body: conflict.mine, etag: conflict.theirs.etag })}>
              Apply my changes to their version
            </button>
          </div>
        </div>
      ) : (
        <ProblemAlert error={save.error} title="Your changes were not saved." />
      )}
      <p role="status" className="notice">
        {save.isSuccess ? "Saved." : ""}
      </p>
      <div className="actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save changes"}
        </button>
      </div>
    </form>
  );
}

function DeleteProduct({ product }: { product: Product }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/products/{id}", { params: { path: { id: product.id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: productKey(product.id) });
      void queryClient.invalidateQueries({ queryKey: ["admin-products"] });
      void queryClient.invalidateQueries({ queryKey: ["products"] });
      navigate("/products");
    },
  });
  return (
    <section className="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p>The product leaves the shop. Orders that include it keep their lines.</p>
      <ConfirmButton label="Delete product" question={`Delete ${product.name}?`} confirmLabel={`Yes, delete ${product.name}`} busy={remove.isPending} onConfirm={() => remove.mutate()} />
      <ProblemAlert error={remove.error} title="The product was not deleted." />
    </section>
  );
}
