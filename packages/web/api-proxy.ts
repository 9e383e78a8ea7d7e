import { edgeHeaders, webApiBasePath } from "@emporium/functions/manifest";
import type { ProxyOptions } from "vite";

/**
 * `/api/*` on the web origin → the API (the local gateway under `bun dev` and the tests, the
 * stage's live API under `sst dev`), with `/api` taken off, as the deployed
 * Router (CloudFront) routes it. Cookies and Set-Cookie pass through untouched (no domain or
 * path rewriting), so the refresh cookie the API scopes to /api/auth/… works as deployed, and
 * the viewer's host goes along as `x-forwarded-host`, as CloudFront sends it, which is what the
 * API compares a cookie session's `Origin` with. One definition for the dev and preview servers.
 *
 * With `edgeSecret` (offline, where the proxy is the router) it also writes the viewer's address
 * and the secret, as the router's viewer-request function does (infra/edge.ts), so the API's
 * per-address limits count viewers, not this proxy. Without it (`sst dev`, where the stage's
 * secret stays in the stage) it only removes whatever the viewer sent under those names.
 */
export function apiProxy(apiUrl: string, edgeSecret?: string): Record<string, ProxyOptions> {
  const prefix = new RegExp(`^${webApiBasePath}(?=/|\\?|$)`);
  return {
    [prefix.source]: {
      target: apiUrl,
      changeOrigin: true,
      rewrite: (path) => path.replace(prefix, "") || "/",
      configure: (proxy) => {
        proxy.on("proxyReq", (proxyRequest, request) => {
          if (request.headers.host) proxyRequest.setHeader("x-forwarded-host", request.headers.host);
          const viewer = request.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
          if (edgeSecret && viewer) {
            proxyRequest.setHeader(edgeHeaders.viewerAddress, viewer);
            proxyRequest.setHeader(edgeHeaders.secret, edgeSecret);
          } else {
            proxyRequest.removeHeader(edgeHeaders.viewerAddress);
            proxyRequest.removeHeader(edgeHeaders.secret);
          }
        });
      },
    },
  };
}
