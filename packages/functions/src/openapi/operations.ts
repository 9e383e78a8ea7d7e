import type * as v from "valibot";
import * as Analytics from "@emporium/core/analytics";
import * as ApiKeys from "@emporium/core/api-keys";
import * as Exports from "@emporium/core/exports";
import * as Identity from "@emporium/core/identity";
import * as Orders from "@emporium/core/orders";
import { pageQuerySchema } from "@emporium/core/pagination";
import * as Products from "@emporium/core/products";
import * as Users from "@emporium/core/users";
import type { ManifestRouteKey } from "../manifest";
import * as R from "./representations";

/**
 * What each route takes and answers, for the OpenAPI document. Keyed by the manifest's route
 * keys, so a route without its entry here does not compile. Request schemas are the very ones
 * the handlers validate with.
 */
export interface Operation {
  summary: string;
  tag: string;
  body?: v.GenericSchema;
  query?: v.GenericSchema;
  /** Success statuses and their bodies (null: no body). Errors are documented for every route. */
  responses: Record<number, v.GenericSchema | null>;
  /** The success responses' media type, when not JSON. */
  mediaType?: string;
  /** The web app's refresh cookie: read from the request (`reads`), written by the response (`writes`). */
  refreshCookie?: { reads?: true; writes?: "sets" | "clears" | "may rotate" };
}

const accepted = { 202: R.message };

export const operations: Record<ManifestRouteKey, Operation> = {
  "GET /health": { summary: "Report whether the table answers", tag: "Operations", responses: { 200: R.health, 503: R.health } },
  "GET /openapi.json": { summary: "This document", tag: "Operations", responses: { 200: R.openApi } },
  "GET /docs": { summary: "A browsable page of this document", tag: "Operations", responses: { 200: R.html }, mediaType: "text/html" },

  "POST /auth/signup": { summary: "Register; a confirmation code is e-mailed", tag: "Accounts", body: Identity.signUpSchema, responses: accepted },
  "POST /auth/confirm": { summary: "Confirm a registration with its code", tag: "Accounts", body: Identity.confirmSignUpSchema, responses: { 204: null } },
  "POST /auth/login": {
    summary: 'Sign in: access, id and refresh tokens; with session "cookie" the refresh token is set as a cookie instead',
    tag: "Accounts",
    body: Identity.logInSchema,
    responses: { 200: R.session },
    refreshCookie: { writes: "sets" },
  },
  "POST /auth/refresh": {
    summary: 'New access and id tokens from a refresh token, sent in the body or (session "cookie") as the refresh cookie',
    tag: "Accounts",
    body: Identity.refreshSchema,
    responses: { 200: R.session },
    refreshCookie: { reads: true, writes: "may rotate" },
  },
  "POST /auth/logout": {
    summary: 'Revoke a refresh token, sent in the body or (session "cookie") as the refresh cookie, which is cleared',
    tag: "Accounts",
    body: Identity.logOutSchema,
    responses: { 204: null },
    refreshCookie: { reads: true, writes: "clears" },
  },
  "POST /auth/resend-confirmation": {
    summary: "E-mail a new confirmation code to a registration awaiting confirmation",
    tag: "Accounts",
    body: Identity.resendConfirmationSchema,
    responses: accepted,
  },
  "POST /auth/forgot-password": { summary: "Start a password reset", tag: "Accounts", body: Identity.forgotPasswordSchema, responses: accepted },
  "POST /auth/confirm-forgot-password": {
    summary: "Set a new password with the reset code",
    tag: "Accounts",
    body: Identity.confirmForgotPasswordSchema,
    responses: { 204: null },
  },

  "GET /products": { summary: "The catalogue, page by page", tag: "Products", query: pageQuerySchema, responses: { 200: R.pages.products } },
  "GET /products/{id}": { summary: "One product", tag: "Products", responses: { 200: R.product, 304: null } },
  "GET /products/{id}/stock-audit": {
    summary: "Partner stock writes to a product and the API key behind each, newest first",
    tag: "Products",
    query: pageQuerySchema,
    responses: { 200: R.pages.stockAudit },
  },
  "POST /products": { summary: "Add a product", tag: "Products", body: Products.newProductSchema, responses: { 201: R.product } },
  "PUT /products/{id}": { summary: "Replace a product (If-Match)", tag: "Products", body: Products.productReplacementSchema, responses: { 200: R.product } },
  "DELETE /products/{id}": { summary: "Remove a product", tag: "Products", responses: { 204: null } },
  "POST /products/{id}/images": {
    summary: "A presigned URL to upload a product image to (PUT, with the given headers)",
    tag: "Products",
    body: Products.imageUploadSchema,
    responses: { 201: R.imageUpload },
  },
  "GET /products/{id}/images/{imageId}": { summary: "Redirects to a short-lived link to the image", tag: "Products", responses: { 302: null } },

  "GET /me": { summary: "The caller's profile", tag: "Me", responses: { 200: R.profile, 304: null } },
  "PATCH /me": { summary: "Rename oneself (If-Match)", tag: "Me", body: Users.profilePatchSchema, responses: { 200: R.profile } },
  "GET /me/orders": { summary: "The caller's orders, newest first", tag: "Me", query: pageQuerySchema, responses: { 200: R.pages.orders } },

  "POST /orders": { summary: "Place an order (Idempotency-Key)", tag: "Orders", body: Orders.placeOrderSchema, responses: { 201: R.orderWithLines } },
  "GET /orders": { summary: "Orders by status and date", tag: "Orders", query: Orders.orderSearchSchema, responses: { 200: R.pages.orders } },
  "GET /orders/{id}": { summary: "One order with its lines", tag: "Orders", responses: { 200: R.orderWithLines, 304: null } },
  "POST /orders/{id}/cancel": { summary: "Cancel a pending order (Idempotency-Key)", tag: "Orders", responses: { 200: R.orderWithLines } },

  "GET /users": { summary: "Users, page by page", tag: "Users", query: pageQuerySchema, responses: { 200: R.pages.profiles } },
  "GET /users/{id}": { summary: "One user", tag: "Users", responses: { 200: R.profile, 304: null } },
  "PATCH /users/{id}": { summary: "Rename a user or change their role (If-Match)", tag: "Users", body: Users.userPatchSchema, responses: { 200: R.profile } },
  "DELETE /users/{id}": { summary: "Delete a user (orders stay)", tag: "Users", responses: { 204: null } },

  "POST /api-keys": { summary: "Create an API key; its secret is shown once", tag: "API keys", body: ApiKeys.newApiKeySchema, responses: { 201: R.newApiKey } },
  "GET /api-keys": { summary: "API keys, without secrets", tag: "API keys", query: pageQuerySchema, responses: { 200: R.pages.apiKeys } },
  "DELETE /api-keys/{id}": { summary: "Revoke an API key at once", tag: "API keys", responses: { 200: R.apiKey } },

  "GET /analytics/sales": { summary: "Sales per product and day", tag: "Analytics", query: Analytics.salesQuerySchema, responses: { 200: R.sales } },
  "POST /exports/orders": { summary: "Export orders as CSV (202, then poll)", tag: "Exports", body: Exports.newExportSchema, responses: { 202: R.exportJob } },
  "GET /exports/{id}": { summary: "An export's status and download link", tag: "Exports", responses: { 200: R.exportJob } },

  "GET /partner/orders": { summary: "Orders by status and date, for machine clients", tag: "Partners", query: Orders.orderSearchSchema, responses: { 200: R.pages.orders } },
  "PUT /partner/products/{id}/stock": {
    summary: "Set a product's stock level",
    tag: "Partners",
    body: Products.stockLevelSchema,
    responses: { 200: R.product },
  },
};
