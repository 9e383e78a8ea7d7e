import type { ProxyOptions } from "vite";

/**
 * `/api/*` on the web origin → the local API gateway, with `/api` taken off, as the deployed
 * Router (CloudFront) routes it. Cookies and Set-Cookie pass through untouched (no domain or
 * path rewriting), so the refresh cookie the API scopes to /api/auth works as deployed.
 * One definition for the dev server and the preview server.
 */
export function apiProxy(apiUrl: string): Record<string, ProxyOptions> {
  return {
    "^/api(?=/|\\?|$)": {
      target: apiUrl,
      changeOrigin: true,
      rewrite: (path) => path.replace(/^\/api/, "") || "/",
    },
  };
}
