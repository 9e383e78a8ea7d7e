import * as v from "valibot";
import { API_KEY_SCOPES } from "@emporium/core/auth";
import { ORDER_STATUSES } from "@emporium/core/orders";

/**
 * What the API sends back, as valibot schemas: the source of the OpenAPI document's response
 * schemas (requests use the core's own input schemas). Tests check every response they get
 * against the document built from these.
 */
const id = v.string();
const timestamp = v.pipe(v.string(), v.isoTimestamp());
const money = v.object({ amount: v.pipe(v.number(), v.integer()), currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)) });
const page = <T extends v.GenericSchema>(item: T) => v.object({ items: v.array(item), cursor: v.nullable(v.string()) });

export const product = v.object({
  id,
  name: v.string(),
  description: v.string(),
  price: money,
  stock: v.pipe(v.number(), v.integer()),
  version: v.pipe(v.number(), v.integer()),
  createdAt: timestamp,
  updatedAt: timestamp,
  images: v.optional(v.array(v.object({ id, contentType: v.string(), size: v.number() }))),
});

export const imageUpload = v.object({
  imageId: id,
  uploadUrl: v.pipe(v.string(), v.url()),
  method: v.literal("PUT"),
  headers: v.object({ "content-type": v.string(), "content-length": v.string() }),
  expiresAt: timestamp,
});

const status = v.picklist(ORDER_STATUSES);
export const order = v.object({
  id,
  userId: v.string(),
  status,
  total: money,
  lineCount: v.pipe(v.number(), v.integer()),
  version: v.pipe(v.number(), v.integer()),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const orderWithLines = v.object({
  ...order.entries,
  lines: v.array(v.object({ productId: id, name: v.string(), quantity: v.pipe(v.number(), v.integer()), unitPrice: money, lineTotal: money })),
});

export const profile = v.object({
  id: v.string(),
  username: v.string(),
  email: v.nullable(v.string()),
  name: v.nullable(v.string()),
  role: v.picklist(["admin", "customer"]),
  deletedAt: v.nullable(timestamp),
  version: v.pipe(v.number(), v.integer()),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const limits = v.object({ rate: v.number(), burst: v.number(), daily: v.number() });
export const apiKey = v.object({
  id,
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(v.picklist(API_KEY_SCOPES)),
  limits,
  createdAt: timestamp,
  createdBy: v.string(),
  revokedAt: v.nullable(timestamp),
  pepperVersion: v.string(),
});
export const newApiKey = v.object({ ...apiKey.entries, secret: v.pipe(v.string(), v.startsWith("emp_")) });

export const exportJob = v.object({
  id,
  status: v.picklist(["QUEUED", "RUNNING", "DONE", "FAILED"]),
  filter: v.object({ status: v.optional(status), from: v.optional(v.string()), to: v.optional(v.string()) }),
  createdBy: v.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
  rows: v.optional(v.number()),
  objectKey: v.optional(v.string()),
  maxRows: v.optional(v.pipe(v.number(), v.integer())),
  failureReason: v.optional(v.string()),
  downloadUrl: v.optional(v.pipe(v.string(), v.url())),
  downloadExpiresAt: v.optional(timestamp),
});

export const sales = v.object({
  items: v.array(v.object({ productId: id, day: v.pipe(v.string(), v.isoDate()), quantity: v.number(), revenue: money, orders: v.number() })),
  cursor: v.nullable(v.string()),
});

export const session = v.object({
  accessToken: v.string(),
  idToken: v.string(),
  refreshToken: v.optional(v.string()),
  expiresIn: v.number(),
  tokenType: v.literal("Bearer"),
});

export const message = v.object({ message: v.string() });

export const health = v.object({ status: v.picklist(["ok", "degraded"]), table: v.object({ reachable: v.boolean(), latencyMs: v.number() }) });

/** RFC 9457 problem details, as every error of this API is reported. */
export const problem = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.string(),
  requestId: v.string(),
  errors: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});

/** What API Gateway itself answers (unknown route, refused credentials, function failure). */
export const gatewayMessage = message;

/** An OpenAPI document (this API's own). */
export const openApi = v.object({ openapi: v.string(), info: v.object({ title: v.string(), version: v.string() }), paths: v.record(v.string(), v.unknown()) });

/** An HTML page. */
export const html = v.string();

export const stockAuditEntry = v.object({
  id,
  productId: id,
  keyId: id,
  previousStock: v.pipe(v.number(), v.integer()),
  stock: v.pipe(v.number(), v.integer()),
  version: v.pipe(v.number(), v.integer()),
  at: timestamp,
});

export const productsPage = page(product);
export const ordersPage = page(order);
export const profilesPage = page(profile);
export const apiKeysPage = page(apiKey);
export const stockAuditPage = page(stockAuditEntry);
