import * as Products from "@emporium/core/products";
import { route } from "../../http";
import * as contracts from "../../manifest/contracts";

/** Images live in a private bucket: their stable URL here redirects to a short-lived S3 link. */
export const handler = route(contracts.ProductImagesGet, async ({ params }) => {
  const url = await Products.imageUrl(params.id, params.imageId);
  return { statusCode: 302, headers: { location: url, "cache-control": "private, max-age=300" } };
});
