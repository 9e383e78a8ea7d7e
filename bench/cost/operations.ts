/**
 * The operations a visitor's traffic is made of, each as the web app performs it (same paths,
 * page size and headers), sent through the local API Gateway. Each run returns the HTTP
 * exchanges it made, so the gateway requests and the bytes sent back are counted per call.
 */
export interface OperationContext {
  apiUrl: string;
  customerToken: string;
  productIds: string[];
  /** Orders placed by the `order` operation, for the ones that read an order. */
  orderIds: string[];
}

export interface Exchange {
  route: string;
  status: number;
  /** Status line, headers and body of the answer: what leaves AWS towards the client. */
  responseBytes: number;
}

export interface Operation {
  name: string;
  what: string;
  /** The function the route invokes (each run must invoke it exactly once). */
  routeFunction: string;
  /** A public catalogue read that CloudFront may answer from its cache. */
  edgeCacheable: boolean;
  /** Sets off the event pipeline: measured until every consumer has settled. */
  pipeline: boolean;
  /** A scheduled function fired through the Lambda API: no HTTP request of a client. */
  scheduled?: true;
  /** The HTTP exchange it made (none for a scheduled function). */
  run(context: OperationContext, index: number): Promise<Exchange | undefined>;
}

/** The storefront's page size (packages/web/src/store/catalogue.tsx). */
const PAGE_SIZE = 12;

export const operations: Operation[] = [
  {
    name: "browse",
    what: `GET /products?limit=${PAGE_SIZE} (catalogue page, signed out)`,
    routeFunction: "ProductsList",
    edgeCacheable: true,
    pipeline: false,
    run: (context) => call(context, "GET /products", `/products?limit=${PAGE_SIZE}`),
  },
  {
    name: "product",
    what: "GET /products/{id} (product page, signed out)",
    routeFunction: "ProductsGet",
    edgeCacheable: true,
    pipeline: false,
    run: (context, index) => call(context, "GET /products/{id}", `/products/${context.productIds[index % context.productIds.length]}`),
  },
  {
    name: "me",
    what: "GET /me (profile, signed in)",
    routeFunction: "MeGet",
    edgeCacheable: false,
    pipeline: false,
    run: (context) => call(context, "GET /me", "/me", { token: context.customerToken }),
  },
  {
    name: "order",
    what: "POST /orders with an Idempotency-Key (2 lines), then its whole pipeline to CONFIRMED and its e-mails",
    routeFunction: "OrdersPlace",
    edgeCacheable: false,
    pipeline: true,
    run: async (context, index) => {
      const lines = [0, 1].map((offset) => ({ productId: context.productIds[(index + offset) % context.productIds.length]!, quantity: 1 }));
      const { exchange, body } = await send(context, "POST /orders", "/orders", {
        token: context.customerToken,
        body: { lines },
        headers: { "idempotency-key": crypto.randomUUID() },
      });
      context.orderIds.push((body as { id: string }).id);
      return exchange;
    },
  },
  {
    name: "orderStatus",
    what: "GET /orders/{id} (the order page, signed in)",
    routeFunction: "OrdersGet",
    edgeCacheable: false,
    pipeline: false,
    run: (context, index) => call(context, "GET /orders/{id}", `/orders/${context.orderIds[index % context.orderIds.length]}`, { token: context.customerToken }),
  },
  {
    name: "myOrders",
    what: "GET /me/orders (order history, signed in)",
    routeFunction: "MeOrders",
    edgeCacheable: false,
    pipeline: false,
    run: (context) => call(context, "GET /me/orders", "/me/orders", { token: context.customerToken }),
  },
];

/** What a measured call sends besides its route and path. */
interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

async function call(context: OperationContext, route: string, path: string, request: CallOptions = {}): Promise<Exchange> {
  return (await send(context, route, path, request)).exchange;
}

async function send(context: OperationContext, route: string, path: string, request: CallOptions): Promise<{ exchange: Exchange; body: unknown }> {
  const response = await fetch(`${context.apiUrl}${path}`, {
    method: route.split(" ")[0],
    headers: {
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      ...(request.body ? { "content-type": "application/json" } : {}),
      ...request.headers,
    },
    body: request.body ? JSON.stringify(request.body) : undefined,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${new TextDecoder().decode(bytes)}`);
  let headerBytes = `HTTP/1.1 ${response.status} ${response.statusText}\r\n\r\n`.length;
  response.headers.forEach((value, name) => (headerBytes += `${name}: ${value}\r\n`.length));
  const body = bytes.length > 0 && response.headers.get("content-type")?.includes("json") ? JSON.parse(new TextDecoder().decode(bytes)) : undefined;
  return { exchange: { route, status: response.status, responseBytes: headerBytes + bytes.length }, body };
}
