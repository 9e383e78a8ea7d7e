import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { Product } from "../api/types";
import { formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { ProblemAlert } from "../ui/problem";
import { Empty, QueryState } from "../ui/states";
import { ConfirmButton } from "./confirm-button";
import { PAGE_SIZE, Pager, useCursorPages } from "./pages";

/** Every product, a page at a time, with links to edit and a guarded delete. */
export function ProductsPage() {
  const pages = useCursorPages();
  const query = useQuery({
    queryKey: ["admin-products", pages.cursor],
    queryFn: async () =>
      unwrap(await api.GET("/products", { params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } }, cache: "no-cache" })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <div className="admin-heading">
        <PageTitle title="Products · Admin">Products</PageTitle>
        <Link className="button" href="/products/new">
          New product
        </Link>
      </div>
      <QueryState query={query} loading="Loading products…">
        {(page) =>
          page.items.length === 0 && pages.page === 1 ? (
            <Empty title="No products yet.">Create the first one; it appears in the shop at once.</Empty>
          ) : (
            <>
              <div className="table-scroll" role="region" aria-label="Products" tabIndex={0}>
                <table className="table table-cards">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col" className="numeric">Price</th>
                      <th scope="col" className="numeric">Stock</th>
                      <th scope="col" className="numeric">Images</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((product) => (
                      <ProductRow key={product.id} product={product} />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} nextCursor={page.cursor} label="Products" />
            </>
          )
        }
      </QueryState>
    </>
  );
}

function ProductRow({ product }: { product: Product }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () => unwrap(await api.DELETE("/products/{id}", { params: { path: { id: product.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["admin-products"] }),
  });
  return (
    <>
      <tr>
        <th scope="row" className="cell-name">
          <Link href={`/products/${product.id}`}>{product.name}</Link>
        </th>
        <td className="numeric" data-label="Price">{formatMoney(product.price)}</td>
        <td className="numeric" data-label="Stock">{product.stock}</td>
        <td className="numeric" data-label="Images">{product.images?.length ?? 0}</td>
        <td className="cell-actions">
          <ConfirmButton
            label="Delete"
            name={`Delete ${product.name}`}
            question={`Delete ${product.name}?`}
            confirmLabel={`Yes, delete ${product.name}`}
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        </td>
      </tr>
      {remove.error ? (
        <tr>
          <td colSpan={5}>
            <ProblemAlert error={remove.error} title={`${product.name} was not deleted.`} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
