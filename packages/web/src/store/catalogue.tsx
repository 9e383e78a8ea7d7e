import { useInfiniteQuery } from "@tanstack/react-query";
import { ShowMore } from "../ui/show-more";
import { Link } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { Empty, QueryState } from "../ui/states";
import { ProblemAlert } from "../ui/problem";
import { ProductImage } from "./product-image";

const PAGE_SIZE = 12;

/** The catalogue, a page at a time: each page's cursor fetches the next. */
export function CataloguePage() {
  const query = useInfiniteQuery({
    queryKey: ["products"],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => unwrap(await api.GET("/products", { params: { query: { limit: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.cursor ?? undefined,
  });
  return (
    <>
      <section className="hero">
        <PageTitle title="Shop">Well-made things, shipped fast</PageTitle>
        <p className="lead">Everything in stock ships within two working days.</p>
      </section>
      <QueryState query={query} loading="Loading the catalogue…">
        {(data) => {
          const products = data.pages.flatMap((page) => page.items);
          if (products.length === 0) return <Empty title="The shop is empty for now.">New products appear here as soon as they are added.</Empty>;
          return (
            <>
              <ul className="product-grid" aria-label="Products">
                {products.map((product) => (
                  <li key={product.id} className="product-card">
                    <Link href={`/products/${product.id}`} className="product-card-link">
                      <ProductImage product={product} />
                      <span className="product-card-name">{product.name}</span>
                    </Link>
                    <span className="product-card-meta">
                      <span className="price">{formatMoney(product.price)}</span>
                      {product.stock > 0 ? null : <span className="tag tag-muted">Sold out</span>}
                    </span>
                  </li>
                ))}
              </ul>
              <ProblemAlert error={query.isFetchNextPageError ? query.error : null} />
              <ShowMore query={query} label="Show more products" />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
