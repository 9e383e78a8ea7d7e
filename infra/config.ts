import { DEFAULT_HOLD_MINUTES } from "../packages/core/src/orders/lifecycle";
import { readDeploySettings, stageCapacity } from "./settings";

/**
 * This stage's deploy-time settings (infra/settings.ts lists them), read once from the deploying
 * environment so no stage-specific value lives in code. A production deploy missing a required
 * one fails here, before any resource is touched.
 * - EMPORIUM_API_DOMAIN and EMPORIUM_API_CERT_ARN: a custom domain for the API, with an ACM
 *   certificate you manage (DNS stays yours: point the domain at the output target); `none`
 *   deploys without one;
 * - EMPORIUM_WEB_DOMAIN and EMPORIUM_WEB_CERT_ARN: the same for the web app's single origin (the
 *   router: site and `/api`), with a certificate in us-east-1 as CloudFront requires;
 * - EMPORIUM_PROVISIONED_CONCURRENCY: warm instances for the routes the manifest marks `warm`;
 * - EMPORIUM_ONCALL_EMAIL: subscribed to the Alarms topic;
 * - EMPORIUM_EMAIL_SENDER: the verified SES sender (infra/email.ts).
 * Other stages ignore the domains and concurrency. Every stage reads:
 * - EMPORIUM_PAYMENT_PROVIDER: the payment port's adapter; production must set it (see
 *   packages/core/src/fulfilment/providers.ts), other stages default to the simulator;
 * - EMPORIUM_ORDER_HOLD_MINUTES: how long an order may stay PENDING before it expires (15);
 * - EMPORIUM_AUTH_IP_LIMIT_SCALE: how many times the account flows' per-IP attempt limits
 *   (packages/core/src/identity/attempts.ts) this stage allows (1); raise it when many users
 *   share an address.
 */
export const settings = readDeploySettings($app.stage, process.env);

export const apiDomain = settings.apiDomain ? { ...settings.apiDomain, dns: false as const } : undefined;

export const webDomain = settings.webDomain ? { ...settings.webDomain, dns: false as const } : undefined;

export const provisionedConcurrency = settings.provisionedConcurrency;

/** This stage's capacity: cheap fixed capacity outside production, canary releases in it (infra/settings.ts). */
export const capacity = stageCapacity($app.stage);

// An empty value is an unset one: GitHub expands an unset secret to "".
export const orderHoldMinutes = Number(process.env.EMPORIUM_ORDER_HOLD_MINUTES?.trim() || DEFAULT_HOLD_MINUTES);
if (!Number.isFinite(orderHoldMinutes) || orderHoldMinutes <= 0) {
  throw new Error(`EMPORIUM_ORDER_HOLD_MINUTES must be a positive number of minutes; got ${process.env.EMPORIUM_ORDER_HOLD_MINUTES}`);
}

export const authIpLimitScale = Number(process.env.EMPORIUM_AUTH_IP_LIMIT_SCALE?.trim() || 1);
if (!Number.isFinite(authIpLimitScale) || authIpLimitScale <= 0) {
  throw new Error(`EMPORIUM_AUTH_IP_LIMIT_SCALE must be a positive number; got ${process.env.EMPORIUM_AUTH_IP_LIMIT_SCALE}`);
}
