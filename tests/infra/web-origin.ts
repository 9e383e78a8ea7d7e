/**
 * What the web app's single origin looks like in a stage's graph: the router (CloudFront), its
 * `/api` route to the HTTP API and the static site's entry in the router's key-value store.
 * Shared by the deploy-mode graph test and the `sst dev` one.
 */
import type { MockedResource, StageGraph } from "./graph-harness";

export interface DeployedWebOrigin {
  router: MockedResource | undefined;
  site: MockedResource | undefined;
  cachePolicy: MockedResource | undefined;
  /** The `/api` route's metadata: the origin host and the path rewrite. */
  apiRoute: { host: string; rewrite?: { regex: string; to: string } } | undefined;
  /** The routes entries the router selects by (`url,<ns>,,/api`, `site,<ns>,,`). */
  routeEntries: string[];
  /** The site's own metadata (SPA fallback, asset bucket), once it is deployed. */
  siteMetadata: { custom404?: string; errorResponseCode?: number; s3?: { domain?: string } } | undefined;
  assetBucket: MockedResource | undefined;
  /** The URL the site links as: the dev server's in `sst dev`. */
  siteUrl: string | undefined;
}

export function webOrigin(g: StageGraph): DeployedWebOrigin {
  const find = (type: string, name: string) => g.resources.find((r) => r.type === type && r.name === name);
  const kvKeys = (name: string) => find("pulumi-nodejs:dynamic:Resource", `${name}.sst.aws.KvKeys`)?.inputs.entries as Record<string, string> | undefined;
  const apiKeys = kvKeys("RouterRoute/apiRouteKey");
  const siteKeys = kvKeys("WebKvKeys");
  return {
    router: find("sst:aws:Router", "Router"),
    site: find("sst:aws:StaticSite", "Web"),
    cachePolicy: find("aws:cloudfront/cachePolicy:CachePolicy", "RouterServerCachePolicy"),
    apiRoute: apiKeys?.metadata ? JSON.parse(apiKeys.metadata) : undefined,
    routeEntries: g.resources
      .filter((r) => r.type === "pulumi-nodejs:dynamic:Resource" && r.name.endsWith(".sst.aws.KvRoutesUpdate"))
      .map((r) => String(r.inputs.entry)),
    siteMetadata: siteKeys?.metadata ? JSON.parse(siteKeys.metadata) : undefined,
    assetBucket: find("aws:s3/bucket:Bucket", "WebAssetsBucket"),
    siteUrl: find("sst:sst:LinkRef", "WebLinkRef")?.inputs.properties?.url,
  };
}
