import * as Products from "@emporium/core/products";
import { json, route } from "../../http";
import * as contracts from "../../manifest/contracts";

export const handler = route(contracts.ProductImagesUpload, async ({ params, body }) => json(201, await Products.requestUpload(params.id, body)));
