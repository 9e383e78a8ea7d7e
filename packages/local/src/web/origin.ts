import { join } from "node:path";
import { build, createServer, preview, type InlineConfig, type LogLevel } from "vite";
import { apiProxy } from "./proxy";

export interface WebOriginOptions {
  /** `dev`: Vite's dev server with hot reload. `preview`: a production build, served as built. */
  mode: "dev" | "preview";
  /** The repository root (packages/web is found from it). */
  root: string;
  /** The local API gateway that `/api/*` goes to. */
  apiUrl: string;
  /** 0 picks a free port. */
  port: number;
  /** Where `preview` builds to (default packages/web/dist). */
  outDir?: string;
  logLevel?: LogLevel;
}

export interface WebOrigin {
  url: string;
  stop(): Promise<void>;
}

/**
 * The web app and the API on one origin, offline: pages from Vite, `/api/*` proxied to the
 * local gateway. The same shape CloudFront gives the deployed stages, so the app needs no CORS
 * and its refresh cookie works.
 */
export async function startWebOrigin(options: WebOriginOptions): Promise<WebOrigin> {
  const webRoot = join(options.root, "packages/web");
  const outDir = options.outDir ?? join(webRoot, "dist");
  const server = { host: "127.0.0.1", port: options.port, strictPort: true, proxy: apiProxy(options.apiUrl) };
  const shared: InlineConfig = {
    configFile: join(webRoot, "vite.config.ts"),
    root: webRoot,
    logLevel: options.logLevel ?? "warn",
    clearScreen: false,
    build: { outDir, emptyOutDir: true },
  };

  if (options.mode === "dev") {
    const dev = await createServer({ ...shared, server });
    await dev.listen();
    return { url: originOf(dev.resolvedUrls?.local[0]), stop: () => dev.close() };
  }

  await productionBuild(shared);
  const served = await preview({ ...shared, preview: server });
  return {
    url: originOf(served.resolvedUrls?.local[0]),
    stop: () => served.close(),
  };
}

/**
 * A production build even when the caller runs with another NODE_ENV: Vite takes NODE_ENV as
 * it finds it, and vitest sets "test", which would give React's development build and JSX.
 * Set for the build only, then put back.
 */
async function productionBuild(config: InlineConfig): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ ...config, mode: "production" });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

function originOf(url: string | undefined): string {
  if (!url) throw new Error("the web origin did not report its address");
  return new URL(url).origin;
}
