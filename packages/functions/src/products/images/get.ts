import * as Products from "@emporium/core/products";
import { route } from "../../http";

/** Images live in a private bucket: their stable URL here redirects to a short-lived S3 link. */
export const handler = route("GET /products/{id}/images/{imageId}", async (request) => {
  const url = await Products.imageUrl(request.id(), request.id("imageId"));
  return { statusCode: 302, headers: { location: url, "cache-control": "private, max-age=300" } };
});
