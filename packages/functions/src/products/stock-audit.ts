import * as Products from "@emporium/core/products";
import { ok, route } from "../http";
import * as contracts from "../manifest/contracts";

export const handler = route(contracts.ProductsStockAudit, async ({ params, query }) => ok(await Products.stockAudit(params.id, query.limit, query.cursor)));
