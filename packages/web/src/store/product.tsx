import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import type { Product } from "../api/types";
import { formatMoney } from "../ui/format";
import { PageTitle } from "../ui/layout";
import { QueryState } from "../ui/states";
import { cart, useCart } from "./cart";
import { ProductImage } from "./product-image";

export function ProductPage({ id }: { id: string }) {
  const query = useQuery({
    queryKey: ["product", id],
    // Stock matters here, so skip the browser's cache. Not even a conditional revalidation:
    // orders change a product's stock without changing its version (its ETag), so a 304 would
    // bring back a stale stock level.
    queryFn: async () => unwrap(await api.GET("/products/{id}", { params: { path: { id } }, cache: "no-store" })),
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Shop</Link> <span aria-hidden="true">/</span> <span>{query.data?.name ?? "Product"}</span>
      </nav>
      <QueryState query={query} loading="Loading the product…">
        {(product) => <ProductDetails product={product} />}
      </QueryState>
    </>
  );
}

function ProductDetails({ product }: { product: Product }) {
  const [picture, setPicture] = useState(0);
  const [added, setAdded] = useState(false);
  const inCart = useCart().find((line) => line.productId === product.id)?.quantity ?? 0;
  const images = product.images ?? [];
  return (
    <article className="product">
      <div className="product-gallery">
        <ProductImage product={product} index={picture} size="large" />
        {images.length > 1 ? (
          <ul className="thumbs" aria-label="Pictures">
            {images.map((image, index) => (
              <li key={image.id}>
                <button type="button" className="thumb" aria-label={`Show picture ${index + 1}`} aria-pressed={index === picture} onClick={() => setPicture(index)}>
                  <ProductImage product={{ ...product, images: [image] }} />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="product-info">
        <PageTitle title={product.name}>{product.name}</PageTitle>
        <p className="price price-large">{formatMoney(product.price)}</p>
        <p className={product.stock > 0 ? "stock" : "stock stock-out"}>{product.stock > 0 ? `${product.stock} in stock` : "Out of stock"}</p>
        {product.description ? <p className="description">{product.description}</p> : null}
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={product.stock <= inCart}
            onClick={() => {
              cart.add(product);
              setAdded(true);
            }}
          >
            Add to cart
          </button>
          {inCart > 0 ? (
            <Link href="/cart" className="button button-secondary">
              View cart ({inCart})
            </Link>
          ) : null}
        </div>
        <p role="status" className="notice">
          {added ? `${product.name} is in your cart.` : ""}
        </p>
      </div>
    </article>
  );
}
