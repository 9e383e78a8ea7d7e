/**
 * Production settings taken from the deploying environment (the deploy workflow's variables or
 * your shell), so no stage-specific value lives in code:
 * - EMPORIUM_API_DOMAIN and EMPORIUM_API_CERT_ARN: a custom domain for the API, with an ACM
 *   certificate you manage (DNS stays yours: point the domain at the output target);
 * - EMPORIUM_WEB_DOMAIN and EMPORIUM_WEB_CERT_ARN: a custom domain for the web app's single origin
 *   (the router: site and `/api`), with an ACM certificate in us-east-1, as CloudFront requires;
 * - EMPORIUM_PROVISIONED_CONCURRENCY: warm instances for the routes the manifest marks `warm`.
 * Other stages ignore them.
 */
const production = $app.stage === "production";

export const apiDomain =
  production && process.env.EMPORIUM_API_DOMAIN
    ? { name: process.env.EMPORIUM_API_DOMAIN, cert: process.env.EMPORIUM_API_CERT_ARN ?? "", dns: false as const }
    : undefined;

export const webDomain =
  production && process.env.EMPORIUM_WEB_DOMAIN
    ? { name: process.env.EMPORIUM_WEB_DOMAIN, cert: process.env.EMPORIUM_WEB_CERT_ARN ?? "", dns: false as const }
    : undefined;

export const provisionedConcurrency = production ? Number(process.env.EMPORIUM_PROVISIONED_CONCURRENCY ?? 0) : 0;
