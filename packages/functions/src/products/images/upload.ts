import * as Products from "@emporium/core/products";
import { json, route } from "../../http";

export const handler = route("POST /products/{id}/images", async (request) => {
  const id = request.id();
  return json(201, await Products.requestUpload(id, request.body(Products.imageUploadSchema)));
});
