/**
 * Bench-only: the logic of `GET /partner/orders` (packages/functions/src/partner/orders.ts)
 * without the route wrapper: no caller from the authorizer, no rate-limit spend, no logging.
 * `bench/auth-latency.ts` serves it with no authorizer as the "auth disabled" baseline.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import * as Orders from "@emporium/core/orders";
import { parse } from "@emporium/core/validation";

const client = { keyId: "bench", scopes: ["orders:read"] } as const;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const query = parse(Orders.orderSearchSchema, event.queryStringParameters ?? {});
  const result = await Orders.search({ keyId: client.keyId, scopes: [...client.scopes] }, query);
  return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(result) };
}
