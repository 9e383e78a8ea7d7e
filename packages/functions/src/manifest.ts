/**
 * The app manifest: every API route, the function that serves it, who may call it and what it
 * links, plus the authorizers and user-pool triggers those routes rely on. Plain data with no
 * SST globals, read by `infra/*` to create the deployed resources and by `packages/local` to
 * serve the same topology offline. Adding a route is one entry here plus its handler.
 */
import type { Scope } from "@emporium/core/auth";

/**
 * `public`: anyone. `user`: any signed-in user (Cognito access token, JWT authorizer).
 * `admin`: the admin group. `apiKey`: machine clients (`x-api-key`, Lambda authorizer) whose
 * key grants the route's `scope`.
 */
export type Auth = "public" | "user" | "admin" | "apiKey";

/** Linkable resources, by the names `infra/*` gives them and handlers read through `Resource`. */
export type Link =
  | "Table"
  | "Idempotency"
  | "CursorSecret"
  | "ApiKeyPepper"
  | "UserPool"
  | "UserPoolClient"
  | "OrderEvents"
  | "Analytics"
  | "Exports"
  | "Uploads"
  | "Email"
  | QueueName;

/**
 * Stage configuration a function reads from its environment, by variable name. `infra/*` sets
 * the deployed values (infra/config.ts), `packages/local` the offline ones.
 * - `PAYMENT_PROVIDER`: the payment port's adapter (core/fulfilment/providers.ts decides per stage).
 * - `ORDER_HOLD_MINUTES`: how long an order may stay PENDING before it expires.
 * - `AUTH_IP_LIMIT_SCALE`: how many times the account flows' per-IP limits this stage allows
 *   (core/identity/attempts.ts; 1 unless the stage says otherwise).
 */
export type Setting = "PAYMENT_PROVIDER" | "ORDER_HOLD_MINUTES" | "AUTH_IP_LIMIT_SCALE";

export interface FunctionSpec {
  /** Function name: unique, PascalCase; it becomes the Lambda's logical name. */
  name: string;
  /** `<file path from the repository root without extension>.<export>`, as SST expects. */
  handler: string;
  links: readonly Link[];
  settings?: readonly Setting[];
  memory?: `${number} MB`;
  timeout?: `${number} seconds`;
}

export interface RouteSpec extends FunctionSpec {
  auth: Auth;
  /** For `apiKey` routes: the scope a key must hold. */
  scope?: Scope;
  /** Honours `Idempotency-Key` (non-idempotent writes); the handler applies it with `idempotent`. */
  idempotency?: true;
  /** Hot path: production may keep instances warm (provisioned concurrency on the `live` alias, see infra/canary.ts). */
  warm?: true;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /${string}`;

/**
 * `memory` is the size of a function nothing has measured yet. A function the cost model's flows
 * run (`bun run cost`) carries its own `memory`, the largest size those measurements fitted
 * over the runs recorded in docs/BENCHMARKS.md ("Cost model"): less memory is less CPU on Lambda,
 * so each is the smallest that holds its memory and keeps its cold and warm times in budget.
 */
export const defaults = { memory: "1024 MB", timeout: "10 seconds", architecture: "arm64", runtime: "nodejs22.x" } as const;

const fn = (path: string) => `packages/functions/src/${path}.handler`;
const data = ["Table", "CursorSecret"] as const;
const accounts = ["Table", "UserPoolClient"] as const;
/** The account flows' own attempt limits (per address and per IP) read the per-IP scale. */
const guarded = { auth: "public", links: accounts, settings: ["AUTH_IP_LIMIT_SCALE"] } as const;
const directory = ["Table", "CursorSecret", "UserPool"] as const;
const keys = ["Table", "CursorSecret", "ApiKeyPepper"] as const;

export const routes = {
  "GET /health": { name: "Health", handler: fn("health/get"), auth: "public", links: ["Table"] },
  "GET /openapi.json": { name: "OpenApi", handler: fn("openapi/get"), auth: "public", links: ["Table"] },
  "GET /docs": { name: "Docs", handler: fn("docs/get"), auth: "public", links: ["Table"] },

  "POST /auth/signup": { name: "AuthSignUp", handler: fn("auth/signup"), ...guarded },
  "POST /auth/confirm": { name: "AuthConfirm", handler: fn("auth/confirm"), ...guarded },
  "POST /auth/login": { name: "AuthLogIn", handler: fn("auth/login"), ...guarded },
  "POST /auth/refresh": { name: "AuthRefresh", handler: fn("auth/refresh"), ...guarded },
  // Public like the other /auth routes: the caller's access token may already have expired.
  "POST /auth/logout": { name: "AuthLogOut", handler: fn("auth/logout"), auth: "public", links: accounts },
  "POST /auth/resend-confirmation": { name: "AuthResendConfirmation", handler: fn("auth/resend-confirmation"), ...guarded },
  "POST /auth/forgot-password": { name: "AuthForgotPassword", handler: fn("auth/forgot-password"), ...guarded },
  "POST /auth/confirm-forgot-password": {
    name: "AuthConfirmForgotPassword",
    handler: fn("auth/confirm-forgot-password"),
    ...guarded,
    // The pool itself: a reset ends every session of the account (global sign-out).
    links: [...accounts, "UserPool"],
  },

  "GET /products": { name: "ProductsList", handler: fn("products/list"), auth: "public", links: data, warm: true, memory: "768 MB" },
  "GET /products/{id}": { name: "ProductsGet", handler: fn("products/get"), auth: "public", links: data, warm: true, memory: "512 MB" },
  "POST /products": { name: "ProductsCreate", handler: fn("products/create"), auth: "admin", links: [...data, "Idempotency"], idempotency: true },
  "PUT /products/{id}": { name: "ProductsReplace", handler: fn("products/replace"), auth: "admin", links: data },
  "DELETE /products/{id}": { name: "ProductsDelete", handler: fn("products/delete"), auth: "admin", links: data },
  "POST /products/{id}/images": { name: "ProductImagesUpload", handler: fn("products/images/upload"), auth: "admin", links: [...data, "Uploads"] },
  "GET /products/{id}/stock-audit": { name: "ProductsStockAudit", handler: fn("products/stock-audit"), auth: "admin", links: data },
  "GET /products/{id}/images/{imageId}": { name: "ProductImagesGet", handler: fn("products/images/get"), auth: "public", links: [...data, "Uploads"] },

  "GET /me": { name: "MeGet", handler: fn("me/get"), auth: "user", links: data, memory: "512 MB" },
  "PATCH /me": { name: "MeUpdate", handler: fn("me/update"), auth: "user", links: data },
  "GET /me/orders": { name: "MeOrders", handler: fn("me/orders"), auth: "user", links: data, memory: "768 MB" },

  "POST /orders": { name: "OrdersPlace", handler: fn("orders/place"), auth: "user", links: [...data, "Idempotency"], idempotency: true, warm: true, memory: "1024 MB" },
  "GET /orders": { name: "OrdersSearch", handler: fn("orders/search"), auth: "admin", links: data },
  "GET /orders/{id}": { name: "OrdersGet", handler: fn("orders/get"), auth: "user", links: data, memory: "768 MB" },
  "POST /orders/{id}/cancel": {
    name: "OrdersCancel",
    handler: fn("orders/cancel"),
    auth: "user",
    links: [...data, "Idempotency"],
    idempotency: true,
  },

  "GET /users": { name: "UsersList", handler: fn("users/list"), auth: "admin", links: directory },
  "GET /users/{id}": { name: "UsersGet", handler: fn("users/get"), auth: "admin", links: directory },
  "PATCH /users/{id}": { name: "UsersUpdate", handler: fn("users/update"), auth: "admin", links: directory },
  "DELETE /users/{id}": { name: "UsersDelete", handler: fn("users/delete"), auth: "admin", links: directory },

  "POST /api-keys": { name: "ApiKeysCreate", handler: fn("api-keys/create"), auth: "admin", links: keys },
  "GET /api-keys": { name: "ApiKeysList", handler: fn("api-keys/list"), auth: "admin", links: keys },
  "DELETE /api-keys/{id}": { name: "ApiKeysRevoke", handler: fn("api-keys/revoke"), auth: "admin", links: keys },

  "GET /analytics/sales": { name: "AnalyticsSales", handler: fn("analytics/sales"), auth: "admin", links: data },
  "POST /exports/orders": {
    name: "ExportsCreate",
    handler: fn("exports/create"),
    auth: "admin",
    links: [...data, "ExportsQueue", "Idempotency"],
    idempotency: true,
  },
  "GET /exports/{id}": { name: "ExportsGet", handler: fn("exports/get"), auth: "admin", links: [...data, "Exports"] },

  "GET /partner/orders": { name: "PartnerOrders", handler: fn("partner/orders"), auth: "apiKey", scope: "orders:read", links: data },
  "PUT /partner/products/{id}/stock": {
    name: "PartnerStock",
    handler: fn("partner/stock"),
    auth: "apiKey",
    scope: "stock:write",
    links: data,
  },
} as const satisfies Record<RouteKey, RouteSpec>;

export type ManifestRouteKey = keyof typeof routes;

export function routeEntries(): [ManifestRouteKey, RouteSpec][] {
  return Object.entries(routes) as [ManifestRouteKey, RouteSpec][];
}

/**
 * The Lambda authorizer for `apiKey` routes (HTTP API, payload 2.0, simple responses). API
 * Gateway caches its answer per identity-source value for `resultsTtlSeconds`; handlers still
 * check revocation and limits on every request, so a revoked key stops at once.
 */
export const apiKeyAuthorizer = {
  name: "ApiKeyAuthorizer",
  handler: fn("authorizers/api-key"),
  links: ["Table", "ApiKeyPepper"],
  identitySource: "$request.header.x-api-key",
  resultsTtlSeconds: 300,
} as const satisfies FunctionSpec & { identitySource: string; resultsTtlSeconds: number };

/** User-pool triggers. PostConfirmation puts new users in `customer` and creates their profile. */
export const triggers = {
  PostConfirmation: { name: "PostConfirmation", handler: fn("triggers/post-confirmation"), links: ["Table"] },
} as const satisfies Record<string, FunctionSpec>;


/**
 * Cross-origin access, answered by API Gateway itself (preflights included) and by the local
 * gateway offline. Production allows only its own front end; no stage allows `*`.
 */
export const cors = {
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
  allowHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "x-api-key"],
  exposeHeaders: ["etag", "location", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "x-request-id"],
  maxAgeSeconds: 600,
  origins: {
    production: ["https://emporium.dev", "https://www.emporium.dev"],
    /** Personal and preview stages, and `bun dev`: a front end on the usual dev server ports. */
    development: ["http://localhost:5173", "http://127.0.0.1:5173", "http://localhost:3001"],
  },
} as const;

export function corsOrigins(stage: string): readonly string[] {
  return stage === "production" ? cors.origins.production : cors.origins.development;
}

/**
 * Where the web app reaches this API on its own origin: the browser calls `/api/auth/login`, and
 * the router in front (CloudFront in AWS, Vite's proxy offline) strips the prefix, so routes
 * here never see it. Anything the browser must be told about paths, such as the refresh
 * cookie's `Path`, has to add it back; this is the one place it is written.
 */
export const webApiBasePath = "/api";

/*
 * The event pipeline (seed 000): the table's stream feeds a processor that publishes order
 * events to an SNS topic and to a Kinesis stream; SQS queues subscribed to the topic feed the
 * fulfilment and notification consumers; the Kinesis stream feeds sales analytics; an export
 * queue feeds the export worker. `infra/events.ts` deploys it; `packages/local` wires the
 * emulators and event-source mappings from the same data.
 */

/** SNS topics. Messages carry `type` and `status` message attributes for filter policies. */
export const topics = {
  OrderEvents: {},
} as const;
export type TopicName = keyof typeof topics;

export interface QueueSpec {
  /** Must be at least the consuming function's timeout (Lambda requires it). */
  visibilityTimeoutSeconds: number;
  /**
   * A dead-letter queue receives a message after this many failed receives. At least 5 for a
   * queue feeding Lambda: the poller's receives can fail without the function failing (e.g.
   * a throttled invoke), and each one counts.
   */
  deadLetter?: { maxReceiveCount: number };
  /** Subscribe the queue to a topic, with raw delivery (the body is the event itself). */
  subscription?: { topic: TopicName; filterPolicy: Record<string, readonly string[]> };
}

export const queues = {
  FulfilmentQueue: {
    visibilityTimeoutSeconds: 60,
    deadLetter: { maxReceiveCount: 5 },
    subscription: { topic: "OrderEvents", filterPolicy: { type: ["order.created"] } },
  },
  NotificationsQueue: {
    visibilityTimeoutSeconds: 60,
    deadLetter: { maxReceiveCount: 5 },
    subscription: { topic: "OrderEvents", filterPolicy: { type: ["order.created", "order.status_changed"] } },
  },
  ExportsQueue: { visibilityTimeoutSeconds: 180, deadLetter: { maxReceiveCount: 5 } },
  /** Where the stream processor's batches go once their retries are spent (Lambda on-failure destination). */
  OrderEventsFailures: { visibilityTimeoutSeconds: 60 },
} as const satisfies Record<string, QueueSpec>;
export type QueueName = keyof typeof queues;

/** Kinesis data streams. */
export const kinesisStreams = {
  Analytics: { shardCount: 1 },
} as const;

/**
 * A bucket's CORS rule (one per bucket, as sst.aws.Bucket takes it), as S3 evaluates it: a
 * request from a browser on another origin is allowed when its origin, method and headers match.
 */
export interface BucketCorsRule {
  allowOrigins: readonly string[];
  allowMethods: readonly ("DELETE" | "GET" | "HEAD" | "POST" | "PUT")[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/** S3 buckets. */
export const buckets = {
  Exports: {},
  /**
   * Product images, uploaded by admins straight to S3 with presigned URLs: the web app PUTs
   * from its own origin, so the bucket answers that PUT's preflight. Any origin may: the
   * presigned URL (signed, short-lived, bound to type and size) is what authorizes an upload.
   */
  Uploads: {
    cors: { allowOrigins: ["*"], allowMethods: ["PUT"], allowHeaders: ["content-type"], exposeHeaders: ["ETag"], maxAgeSeconds: 3600 },
  },
} as const satisfies Record<string, { cors?: BucketCorsRule }>;

/**
 * Objects created under `prefix` in the uploads bucket notify the image processor (S3 event
 * notification), which checks each upload and attaches it to its product or deletes it.
 */
export const uploads = {
  bucket: "Uploads",
  prefix: "uploads/",
  processor: { name: "ImageProcessor", handler: fn("uploads/process-image"), links: ["Table", "Uploads"] },
} as const satisfies { bucket: keyof typeof buckets; prefix: string; processor: FunctionSpec };

export type EventSource =
  | { kind: "dynamodb"; table: "Table"; startingPosition: "TRIM_HORIZON" | "LATEST" }
  | { kind: "kinesis"; stream: keyof typeof kinesisStreams; startingPosition: "TRIM_HORIZON" | "LATEST" }
  | { kind: "sqs"; queue: QueueName };

/**
 * A function fed by an event-source mapping. Every consumer reports partial batch failures
 * (`ReportBatchItemFailures`). Stream sources also retry a failing batch up to
 * `maximumRetryAttempts` times, split it in two on each error when `bisectOnError`, then send
 * it to `onFailure`.
 */
export interface ConsumerSpec extends FunctionSpec {
  source: EventSource;
  batchSize: number;
  batchingWindowSeconds?: number;
  /** Lambda event filtering: a record is delivered when it matches any of these patterns. */
  filters?: readonly Record<string, unknown>[];
  bisectOnError?: boolean;
  maximumRetryAttempts?: number;
  onFailure?: QueueName;
}

export const consumers = {
  OrderEventsProcessor: {
    name: "OrderEventsProcessor",
    handler: fn("consumers/order-events"),
    links: ["OrderEvents", "Analytics"],
    source: { kind: "dynamodb", table: "Table", startingPosition: "TRIM_HORIZON" },
    // A full batch costs about what one record does (ten PublishBatch calls at once, one packed
    // Kinesis record), so a larger batch is more records per invocation, on AWS as offline.
    batchSize: 100,
    batchingWindowSeconds: 1,
    // Only order items (not lines, products, buckets…) reach the processor.
    filters: [{ dynamodb: { Keys: { sk: { S: ["ORDER"] } } } }],
    bisectOnError: true,
    maximumRetryAttempts: 3,
    onFailure: "OrderEventsFailures",
    memory: "128 MB",
  },
  Fulfilment: {
    name: "Fulfilment",
    handler: fn("consumers/fulfilment"),
    links: ["Table"],
    settings: ["PAYMENT_PROVIDER"],
    source: { kind: "sqs", queue: "FulfilmentQueue" },
    batchSize: 10,
    memory: "256 MB",
  },
  Notifications: {
    name: "Notifications",
    handler: fn("consumers/notifications"),
    links: ["Table", "Email"],
    source: { kind: "sqs", queue: "NotificationsQueue" },
    batchSize: 10,
    memory: "128 MB",
  },
  SalesAnalytics: {
    name: "SalesAnalytics",
    handler: fn("consumers/sales-analytics"),
    links: ["Table"],
    source: { kind: "kinesis", stream: "Analytics", startingPosition: "TRIM_HORIZON" },
    batchSize: 100,
    batchingWindowSeconds: 1,
    bisectOnError: true,
    maximumRetryAttempts: 5,
    memory: "128 MB",
  },
  OrderExports: {
    name: "OrderExports",
    handler: fn("consumers/order-exports"),
    links: ["Table", "Exports"],
    source: { kind: "sqs", queue: "ExportsQueue" },
    batchSize: 1,
    timeout: "60 seconds",
  },
} as const satisfies Record<string, ConsumerSpec>;

/**
 * Functions run on a schedule (EventBridge; `sst.aws.Cron` in infra/schedules.ts). The offline
 * runtime fires them on the same expression. `schedule` is EventBridge's syntax: `rate(5
 * minutes)` or `cron(minutes hours day-of-month month day-of-week year)`.
 */
export interface ScheduleSpec extends FunctionSpec {
  schedule: `rate(${string})` | `cron(${string})`;
}

export const schedules = {
  /** Gives back the stock of orders still PENDING after the hold (see core/orders/lifecycle.ts). */
  ExpirePendingOrders: {
    name: "ExpirePendingOrders",
    handler: fn("schedules/expire-orders"),
    links: ["Table"],
    settings: ["ORDER_HOLD_MINUTES"],
    schedule: "rate(1 minute)",
    timeout: "60 seconds",
    memory: "128 MB",
  },
} as const satisfies Record<string, ScheduleSpec>;
export type ScheduleName = keyof typeof schedules;

/**
 * Per-stage consumer settings that differ from the ones above (which every deployed stage uses).
 * `local` is `bun dev` and the tests: the processor invokes as soon as records arrive instead of
 * gathering them for a second, so an order is confirmed within about half a second offline;
 * under load batches still form while the function is busy.
 */
export const stages: Record<string, { consumers?: { [Name in keyof typeof consumers]?: Pick<ConsumerSpec, "batchingWindowSeconds"> } }> = {
  local: { consumers: { OrderEventsProcessor: { batchingWindowSeconds: 0 } } },
};

/** The consumers as `stage` runs them: the specs above with the stage's own settings applied. */
export function consumersFor(stage: string): Record<keyof typeof consumers, ConsumerSpec> {
  const overrides = stages[stage]?.consumers ?? {};
  const specs = {} as Record<keyof typeof consumers, ConsumerSpec>;
  for (const name of Object.keys(consumers) as (keyof typeof consumers)[]) specs[name] = { ...consumers[name], ...overrides[name] };
  return specs;
}

/** Every function of the app, for whatever builds or runs them all. */
export function functionSpecs(): FunctionSpec[] {
  return [
    ...routeEntries().map(([, spec]) => spec),
    apiKeyAuthorizer,
    ...Object.values(triggers),
    ...Object.values(consumers),
    uploads.processor,
    ...Object.values(schedules),
  ];
}
