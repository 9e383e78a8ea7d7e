import { webApiBasePath } from "@emporium/functions/manifest";
import type { ProxyOptions } from "vite";

/**
 * `/api/*` on the web origin → the local API gateway, with `/api` taken off, as the deployed
 * Router (CloudFront) routes it. Cookies and Set-Cookie pass through untouched (no domain or
 * path rewriting), so the refresh cookie the API scopes to /api/auth/… works as deployed, and
 * the viewer's host goes along as `x-forwarded-host`, as CloudFront sends it, which is what the
 * API compares a cookie session's `Origin` with. One definition for the dev and preview servers.
 */
export function apiProxy(apiUrl: string): Record<string, ProxyOptions> {
  const prefix = new RegExp(`^${webApiBasePath}(?=/|\\?|$)`);
  return {
    [prefix.source]: {
      target: apiUrl,
      changeOrigin: true,
      rewrite: (path) => path.replace(prefix, "") || "/",
      configure: (proxy) => {
        proxy.on("proxyReq", (proxyRequest, request) => {
          if (request.headers.host) proxyRequest.setHeader("x-forwarded-host", request.headers.host);
        });
      },
    },
  };
}
