import { DEFAULT_HOLD_MINUTES } from "../packages/core/src/orders/lifecycle";
/**
 * Production settings taken from the deploying environment (the deploy workflow's variables or
 * your shell), so no stage-specific value lives in code:
 * - EMPORIUM_API_DOMAIN and EMPORIUM_API_CERT_ARN: a custom domain for the API, with an ACM
 *   certificate you manage (DNS stays yours: point the domain at the output target);
 * - EMPORIUM_PROVISIONED_CONCURRENCY: warm instances for the routes the manifest marks `warm`.
 * Other stages ignore them. Every stage reads:
 * - EMPORIUM_PAYMENT_PROVIDER: the payment port's adapter; production must set it (see
 *   packages/core/src/fulfilment/providers.ts), other stages default to the simulator;
 * - EMPORIUM_ORDER_HOLD_MINUTES: how long an order may stay PENDING before it expires (15).
 */
const production = $app.stage === "production";

export const apiDomain =
  production && process.env.EMPORIUM_API_DOMAIN
    ? { name: process.env.EMPORIUM_API_DOMAIN, cert: process.env.EMPORIUM_API_CERT_ARN ?? "", dns: false as const }
    : undefined;

export const provisionedConcurrency = production ? Number(process.env.EMPORIUM_PROVISIONED_CONCURRENCY ?? 0) : 0;

export const orderHoldMinutes = Number(process.env.EMPORIUM_ORDER_HOLD_MINUTES ?? DEFAULT_HOLD_MINUTES);
if (!Number.isFinite(orderHoldMinutes) || orderHoldMinutes <= 0) {
  throw new Error(`EMPORIUM_ORDER_HOLD_MINUTES must be a positive number of minutes; got ${process.env.EMPORIUM_ORDER_HOLD_MINUTES}`);
}
