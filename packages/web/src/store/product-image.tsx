import type { Product } from "../api/types";

/**
 * A product picture. The API answers the image URL with a redirect to a short-lived storage
 * link, so the page never handles storage credentials. Products without images get a tile
 * with their initial.
 */
export function ProductImage({ product, index = 0, size = "card" }: { product: Pick<Product, "id" | "name" | "images">; index?: number; size?: "card" | "large" }) {
  const image = product.images?.[index];
  if (!image) {
    return (
      <div className={`product-image product-image-${size} product-image-empty`} aria-hidden="true">
        {product.name.trim().charAt(0).toUpperCase()}
      </div>
    );
  }
  return (
    <img
      className={`product-image product-image-${size}`}
      src={`/api/products/${encodeURIComponent(product.id)}/images/${encodeURIComponent(image.id)}`}
      alt={index === 0 ? product.name : `${product.name}, picture ${index + 1}`}
      loading={size === "card" ? "lazy" : "eager"}
      decoding="async"
    />
  );
}
