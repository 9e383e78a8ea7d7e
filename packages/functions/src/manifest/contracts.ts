/**
 * The HTTP API, one contract per route: its key, the function that serves it, who may call it
 * and what it links, and what it takes and answers (./route-contract.ts says what each field
 * means). A handler is written against its contract, `route(contracts.MeGet, async ({ principal }) => …)`,
 * and imports only that one: each is its own export, so a bundle carries no other route's schemas.
 * Adding a route is a contract here, its place in `routes` (./routes.ts), and its handler.
 *
 * Schemas come from the domains' schema modules (`@emporium/core/<domain>/schema`), not their
 * index: the SST program reads this file, and must not load the services and their AWS clients.
 */
import * as Analytics from "@emporium/core/analytics/schema";
import * as ApiKeys from "@emporium/core/api-keys/schema";
import * as Exports from "@emporium/core/exports/schema";
import * as Identity from "@emporium/core/identity/schema";
import * as Orders from "@emporium/core/orders/schema";
import { pageQuerySchema } from "@emporium/core/pagination";
import * as Products from "@emporium/core/products/schema";
import * as Users from "@emporium/core/users/schema";
import * as R from "../openapi/representations";
import { fn, type Link } from "./functions";
import type { Keyed } from "./route-contract";

const data = ["Table", "CursorSecret"] as const;
/**
 * Public routes limit anonymous callers per address: they read the edge secret, with which the
 * router vouches for the viewer's address (../http/client-address.ts).
 */
const publicData = ["Table", "CursorSecret", "EdgeSecret"] as const;
const accounts = ["Table", "UserPoolClient", "EdgeSecret"] as const;
/** The account flows' own attempt limits (per address and per IP) read the per-IP scale. */
const perIpScale = ["AUTH_IP_LIMIT_SCALE"] as const;
const directory = ["Table", "CursorSecret", "UserPool"] as const;
const keys = ["Table", "CursorSecret", "ApiKeyPepper"] as const;
const accepted = { 202: R.message } as const;

// Contracts are plain data built with calls esbuild knows to be pure (it honours the annotation
// within a file only) and no spreads, so a handler's bundle drops every contract but its own.
/* @__NO_SIDE_EFFECTS__ */
function handlerAt(path: string): string {
  return fn(path);
}
/* @__NO_SIDE_EFFECTS__ */
function plus<const A extends readonly Link[], const B extends readonly Link[]>(links: A, ...more: B): readonly [...A, ...B] {
  return [...links, ...more];
}

export const Health = {
  key: "GET /health",
  name: "Health",
  handler: handlerAt("health/get"),
  auth: "public",
  links: ["Table", "EdgeSecret"],
  summary: "Report whether the table answers",
  tag: "Operations",
  responses: { 200: R.health, 503: R.health },
} as const satisfies Keyed;

export const OpenApi = {
  key: "GET /openapi.json",
  name: "OpenApi",
  handler: handlerAt("openapi/get"),
  auth: "public",
  links: ["Table", "EdgeSecret"],
  summary: "This document",
  tag: "Operations",
  responses: { 200: R.openApi },
} as const satisfies Keyed;

export const Docs = {
  key: "GET /docs",
  name: "Docs",
  handler: handlerAt("docs/get"),
  auth: "public",
  links: ["Table", "EdgeSecret"],
  summary: "A browsable page of this document",
  tag: "Operations",
  responses: { 200: R.html },
  mediaType: "text/html",
} as const satisfies Keyed;

export const AuthSignUp = {
  key: "POST /auth/signup",
  name: "AuthSignUp",
  handler: handlerAt("auth/signup"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: "Register; a confirmation code is e-mailed",
  tag: "Accounts",
  body: Identity.signUpSchema,
  responses: accepted,
} as const satisfies Keyed;

export const AuthConfirm = {
  key: "POST /auth/confirm",
  name: "AuthConfirm",
  handler: handlerAt("auth/confirm"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: "Confirm a registration with its code",
  tag: "Accounts",
  body: Identity.confirmSignUpSchema,
  responses: { 204: null },
} as const satisfies Keyed;

export const AuthLogIn = {
  key: "POST /auth/login",
  name: "AuthLogIn",
  handler: handlerAt("auth/login"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: 'Sign in: access, id and refresh tokens; with session "cookie" the refresh token is set as a cookie instead',
  tag: "Accounts",
  body: Identity.logInSchema,
  responses: { 200: Identity.sessionSchema },
  refreshCookie: { writes: "sets" },
} as const satisfies Keyed;

export const AuthRefresh = {
  key: "POST /auth/refresh",
  name: "AuthRefresh",
  handler: handlerAt("auth/refresh"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: 'New access and id tokens from a refresh token, sent in the body or (session "cookie") as the refresh cookie',
  tag: "Accounts",
  body: Identity.refreshSchema,
  responses: { 200: Identity.sessionSchema },
  refreshCookie: { reads: true, writes: "may rotate" },
} as const satisfies Keyed;

export const AuthLogOut = {
  key: "POST /auth/logout",
  name: "AuthLogOut",
  handler: handlerAt("auth/logout"),
  // Public like the other /auth routes: the caller's access token may already have expired.
  auth: "public",
  links: accounts,
  summary: 'Revoke a refresh token, sent in the body or (session "cookie") as the refresh cookie, which is cleared',
  tag: "Accounts",
  body: Identity.logOutSchema,
  responses: { 204: null },
  refreshCookie: { reads: true, writes: "clears" },
} as const satisfies Keyed;

export const AuthResendConfirmation = {
  key: "POST /auth/resend-confirmation",
  name: "AuthResendConfirmation",
  handler: handlerAt("auth/resend-confirmation"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: "E-mail a new confirmation code to a registration awaiting confirmation",
  tag: "Accounts",
  body: Identity.resendConfirmationSchema,
  responses: accepted,
} as const satisfies Keyed;

export const AuthForgotPassword = {
  key: "POST /auth/forgot-password",
  name: "AuthForgotPassword",
  handler: handlerAt("auth/forgot-password"),
  auth: "public",
  links: accounts,
  settings: perIpScale,
  summary: "Start a password reset",
  tag: "Accounts",
  body: Identity.forgotPasswordSchema,
  responses: accepted,
} as const satisfies Keyed;

export const AuthConfirmForgotPassword = {
  key: "POST /auth/confirm-forgot-password",
  name: "AuthConfirmForgotPassword",
  handler: handlerAt("auth/confirm-forgot-password"),
  auth: "public",
  // The pool itself: a reset ends every session of the account (global sign-out).
  links: plus(accounts, "UserPool"),
  settings: perIpScale,
  summary: "Set a new password with the reset code",
  tag: "Accounts",
  body: Identity.confirmForgotPasswordSchema,
  responses: { 204: null },
} as const satisfies Keyed;

export const ProductsList = {
  key: "GET /products",
  name: "ProductsList",
  handler: handlerAt("products/list"),
  auth: "public",
  links: publicData,
  warm: true,
  memory: "768 MB",
  summary: "The catalogue, page by page",
  tag: "Products",
  query: pageQuerySchema,
  responses: { 200: Products.productsPageSchema },
} as const satisfies Keyed;

export const ProductsGet = {
  key: "GET /products/{id}",
  name: "ProductsGet",
  handler: handlerAt("products/get"),
  auth: "public",
  links: publicData,
  warm: true,
  memory: "512 MB",
  summary: "One product",
  tag: "Products",
  responses: { 200: Products.productSchema, 304: null },
} as const satisfies Keyed;

export const ProductsCreate = {
  key: "POST /products",
  name: "ProductsCreate",
  handler: handlerAt("products/create"),
  auth: "admin",
  links: plus(data, "Idempotency"),
  idempotency: true,
  summary: "Add a product",
  tag: "Products",
  body: Products.newProductSchema,
  responses: { 201: Products.productSchema },
} as const satisfies Keyed;

export const ProductsReplace = {
  key: "PUT /products/{id}",
  name: "ProductsReplace",
  handler: handlerAt("products/replace"),
  auth: "admin",
  links: data,
  summary: "Replace a product (If-Match)",
  tag: "Products",
  body: Products.productReplacementSchema,
  responses: { 200: Products.productSchema },
} as const satisfies Keyed;

export const ProductsDelete = {
  key: "DELETE /products/{id}",
  name: "ProductsDelete",
  handler: handlerAt("products/delete"),
  auth: "admin",
  links: data,
  summary: "Remove a product",
  tag: "Products",
  responses: { 204: null },
} as const satisfies Keyed;

export const ProductImagesUpload = {
  key: "POST /products/{id}/images",
  name: "ProductImagesUpload",
  handler: handlerAt("products/images/upload"),
  auth: "admin",
  links: plus(data, "Uploads"),
  summary: "A presigned URL to upload a product image to (PUT, with the given headers)",
  tag: "Products",
  body: Products.imageUploadSchema,
  responses: { 201: Products.uploadTicketSchema },
} as const satisfies Keyed;

export const ProductsStockAudit = {
  key: "GET /products/{id}/stock-audit",
  name: "ProductsStockAudit",
  handler: handlerAt("products/stock-audit"),
  auth: "admin",
  links: data,
  summary: "Partner stock writes to a product and the API key behind each, newest first",
  tag: "Products",
  query: pageQuerySchema,
  responses: { 200: Products.stockAuditPageSchema },
} as const satisfies Keyed;

export const ProductImagesGet = {
  key: "GET /products/{id}/images/{imageId}",
  name: "ProductImagesGet",
  handler: handlerAt("products/images/get"),
  auth: "public",
  links: plus(publicData, "Uploads"),
  summary: "Redirects to a short-lived link to the image",
  tag: "Products",
  responses: { 302: null },
} as const satisfies Keyed;

export const MeGet = {
  key: "GET /me",
  name: "MeGet",
  handler: handlerAt("me/get"),
  auth: "user",
  links: data,
  memory: "512 MB",
  summary: "The caller's profile",
  tag: "Me",
  responses: { 200: Users.userProfileSchema, 304: null },
} as const satisfies Keyed;

export const MeUpdate = {
  key: "PATCH /me",
  name: "MeUpdate",
  handler: handlerAt("me/update"),
  auth: "user",
  links: data,
  summary: "Rename oneself (If-Match)",
  tag: "Me",
  body: Users.profilePatchSchema,
  responses: { 200: Users.userProfileSchema },
} as const satisfies Keyed;

export const MeOrders = {
  key: "GET /me/orders",
  name: "MeOrders",
  handler: handlerAt("me/orders"),
  auth: "user",
  links: data,
  memory: "768 MB",
  summary: "The caller's orders, newest first",
  tag: "Me",
  query: pageQuerySchema,
  responses: { 200: Orders.ordersPageSchema },
} as const satisfies Keyed;

export const OrdersPlace = {
  key: "POST /orders",
  name: "OrdersPlace",
  handler: handlerAt("orders/place"),
  auth: "user",
  links: plus(data, "Idempotency"),
  idempotency: true,
  warm: true,
  memory: "1024 MB",
  summary: "Place an order (Idempotency-Key)",
  tag: "Orders",
  body: Orders.placeOrderSchema,
  responses: { 201: Orders.orderWithLinesSchema },
} as const satisfies Keyed;

export const OrdersSearch = {
  key: "GET /orders",
  name: "OrdersSearch",
  handler: handlerAt("orders/search"),
  auth: "admin",
  links: data,
  summary: "Orders by status and date",
  tag: "Orders",
  query: Orders.orderSearchSchema,
  responses: { 200: Orders.ordersPageSchema },
} as const satisfies Keyed;

export const OrdersGet = {
  key: "GET /orders/{id}",
  name: "OrdersGet",
  handler: handlerAt("orders/get"),
  auth: "user",
  links: data,
  memory: "768 MB",
  summary: "One order with its lines",
  tag: "Orders",
  responses: { 200: Orders.orderWithLinesSchema, 304: null },
} as const satisfies Keyed;

export const OrdersCancel = {
  key: "POST /orders/{id}/cancel",
  name: "OrdersCancel",
  handler: handlerAt("orders/cancel"),
  auth: "user",
  links: plus(data, "Idempotency"),
  idempotency: true,
  summary: "Cancel a pending order (Idempotency-Key)",
  tag: "Orders",
  responses: { 200: Orders.orderWithLinesSchema },
} as const satisfies Keyed;

export const UsersList = {
  key: "GET /users",
  name: "UsersList",
  handler: handlerAt("users/list"),
  auth: "admin",
  links: directory,
  summary: "Users, page by page",
  tag: "Users",
  query: pageQuerySchema,
  responses: { 200: Users.userProfilesPageSchema },
} as const satisfies Keyed;

export const UsersGet = {
  key: "GET /users/{id}",
  name: "UsersGet",
  handler: handlerAt("users/get"),
  auth: "admin",
  links: directory,
  summary: "One user",
  tag: "Users",
  params: { id: Users.userIdParamSchema },
  responses: { 200: Users.userProfileSchema, 304: null },
} as const satisfies Keyed;

export const UsersUpdate = {
  key: "PATCH /users/{id}",
  name: "UsersUpdate",
  handler: handlerAt("users/update"),
  auth: "admin",
  links: directory,
  summary: "Rename a user or change their role (If-Match)",
  tag: "Users",
  params: { id: Users.userIdParamSchema },
  body: Users.userPatchSchema,
  responses: { 200: Users.userProfileSchema },
} as const satisfies Keyed;

export const UsersDelete = {
  key: "DELETE /users/{id}",
  name: "UsersDelete",
  handler: handlerAt("users/delete"),
  auth: "admin",
  links: directory,
  summary: "Delete a user (orders stay)",
  tag: "Users",
  params: { id: Users.userIdParamSchema },
  responses: { 204: null },
} as const satisfies Keyed;

export const ApiKeysCreate = {
  key: "POST /api-keys",
  name: "ApiKeysCreate",
  handler: handlerAt("api-keys/create"),
  auth: "admin",
  links: keys,
  summary: "Create an API key; its secret is shown once",
  tag: "API keys",
  body: ApiKeys.newApiKeySchema,
  responses: { 201: ApiKeys.createdApiKeySchema },
} as const satisfies Keyed;

export const ApiKeysList = {
  key: "GET /api-keys",
  name: "ApiKeysList",
  handler: handlerAt("api-keys/list"),
  auth: "admin",
  links: keys,
  summary: "API keys, without secrets",
  tag: "API keys",
  query: pageQuerySchema,
  responses: { 200: ApiKeys.apiKeysPageSchema },
} as const satisfies Keyed;

export const ApiKeysRevoke = {
  key: "DELETE /api-keys/{id}",
  name: "ApiKeysRevoke",
  handler: handlerAt("api-keys/revoke"),
  auth: "admin",
  links: keys,
  summary: "Revoke an API key at once",
  tag: "API keys",
  responses: { 200: ApiKeys.apiKeySchema },
} as const satisfies Keyed;

export const AnalyticsSales = {
  key: "GET /analytics/sales",
  name: "AnalyticsSales",
  handler: handlerAt("analytics/sales"),
  auth: "admin",
  links: data,
  summary: "Sales per product and day",
  tag: "Analytics",
  query: Analytics.salesQuerySchema,
  responses: { 200: Analytics.salesPageSchema },
} as const satisfies Keyed;

export const ExportsCreate = {
  key: "POST /exports/orders",
  name: "ExportsCreate",
  handler: handlerAt("exports/create"),
  auth: "admin",
  links: plus(data, "ExportsQueue", "Idempotency"),
  idempotency: true,
  summary: "Export orders as CSV (202, then poll)",
  tag: "Exports",
  body: Exports.newExportSchema,
  responses: { 202: Exports.exportReportSchema },
} as const satisfies Keyed;

export const ExportsGet = {
  key: "GET /exports/{id}",
  name: "ExportsGet",
  handler: handlerAt("exports/get"),
  auth: "admin",
  links: plus(data, "Exports"),
  summary: "An export's status and download link",
  tag: "Exports",
  responses: { 200: Exports.exportReportSchema },
} as const satisfies Keyed;

export const PartnerOrders = {
  key: "GET /partner/orders",
  name: "PartnerOrders",
  handler: handlerAt("partner/orders"),
  auth: "apiKey",
  scope: "orders:read",
  links: data,
  summary: "Orders by status and date, for machine clients",
  tag: "Partners",
  query: Orders.orderSearchSchema,
  responses: { 200: Orders.ordersPageSchema },
} as const satisfies Keyed;

export const PartnerStock = {
  key: "PUT /partner/products/{id}/stock",
  name: "PartnerStock",
  handler: handlerAt("partner/stock"),
  auth: "apiKey",
  scope: "stock:write",
  links: data,
  summary: "Set a product's stock level",
  tag: "Partners",
  body: Products.stockLevelSchema,
  responses: { 200: Products.productSchema },
} as const satisfies Keyed;
