import { webApiBasePath } from "../packages/functions/src/manifest";
import { api } from "./api";
import { webDomain } from "./config";
import { viewerAddressInjection } from "./edge";

/**
 * One origin for the web app and the API: CloudFront (`sst.aws.Router`) sends `/api/*` to the
 * HTTP API, with the prefix stripped, and everything else to the static site. The app therefore
 * needs no CORS preflights, its refresh cookie is first-party, and the public catalogue is cached
 * at the edge for as long as the API's `Cache-Control` allows (the router's cache policy has no
 * minimum TTL of its own). The API keeps its own URL for machine clients.
 */
export const router = new sst.aws.Router("Router", {
  ...(webDomain ? { domain: webDomain } : {}),
  // The viewer's address for the API's per-address limits, vouched for by the edge secret (infra/edge.ts).
  edge: { viewerRequest: { injection: viewerAddressInjection } },
  transform: {
    cachePolicy: (args) => {
      // CloudFront forwards `Authorization` only when it is part of the cache key, and an
      // origin request policy may not forward it. Keying on it (and on `x-api-key`) also means
      // a signed-in answer can never be served to somebody else.
      args.parametersInCacheKeyAndForwardedToOrigin = $resolve([args.parametersInCacheKeyAndForwardedToOrigin]).apply(([parameters]) => ({
        ...parameters!,
        headersConfig: {
          headerBehavior: "whitelist",
          headers: { items: [...new Set([...(parameters?.headersConfig?.headers?.items ?? []), ...edgeCacheKeyHeaders])] },
        },
      }));
      return undefined;
    },
  },
});

/** Request headers that select an answer: credentials, so cached answers are never shared across callers. */
export const edgeCacheKeyHeaders = ["authorization", "x-api-key"];

router.route(webApiBasePath, api.url, {
  rewrite: { regex: `^${webApiBasePath}/(.*)$`, to: "/$1" },
});

/**
 * The single-page app. `sst deploy` builds it and serves it through the router; `sst dev` runs
 * Vite in its multiplexer instead, proxying `/api` to this stage's live API.
 */
export const site = new sst.aws.StaticSite("Web", {
  path: "packages/web",
  build: { command: "bun run build", output: "dist" },
  // No `errorPage`: unknown paths then get index.html, so client-side routes (/products/…,
  // /admin/…) load the app shell on a reload or a shared link.
  dev: { command: "bun run dev", url: "http://localhost:5173", title: "Web" },
  environment: { EMPORIUM_API_URL: api.url },
  router: { instance: router },
});
