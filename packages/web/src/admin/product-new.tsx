import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { NewProduct } from "../api/types";
import { formValues } from "../account/form";
import { PageTitle } from "../ui/layout";
import { fieldErrors, ProblemAlert } from "../ui/problem";
import { useIdempotencyKey } from "./idempotency-key";
import { ProductFields, productFromForm } from "./product-form";

/** Creates a product, then opens its edit page for the images. */
export function NewProductPage() {
  const key = useIdempotencyKey<NewProduct>();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation({
    mutationFn: async (body: NewProduct) => unwrap(await api.POST("/products", { body, headers: { "idempotency-key": key.keyFor(body) } })),
    onSuccess: (product) => {
      key.succeeded();
      void queryClient.invalidateQueries({ queryKey: ["admin-products"] });
      void queryClient.invalidateQueries({ queryKey: ["products"] });
      navigate(`/products/${product.id}?created=1`);
    },
  });
  return (
    <div className="admin-narrow">
      <p className="breadcrumb">
        <Link href="/products">Products</Link> / New
      </p>
      <PageTitle title="New product · Admin">New product</PageTitle>
      <form noValidate className="form" onSubmit={(event) => create.mutate(productFromForm(formValues(event)))}>
        <ProductFields errors={fieldErrors(create.error)} />
        <ProblemAlert error={create.error} title="The product was not created." />
        <div className="actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create product"}
          </button>
        </div>
      </form>
    </div>
  );
}
