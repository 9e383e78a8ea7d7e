import * as Products from "@emporium/core/products";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.PartnerStock, async ({ client, params, body }) => ok(await Products.setStock(client, params.id, body.stock)));
