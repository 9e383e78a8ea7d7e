import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createServer, preview, type InlineConfig, type LogLevel } from "vite";
import { apiProxy } from "@emporium/web/api-proxy";

export interface WebOriginOptions {
  /** `dev`: Vite's dev server with hot reload. `preview`: a production build, served as built. */
  mode: "dev" | "preview";
  /** The repository root (packages/web is found from it). */
  root: string;
  /** The local API gateway that `/api/*` goes to. */
  apiUrl: string;
  /** The stack's edge secret (`Stack.edgeSecret`): the proxy vouches for each viewer's address with it. */
  edgeSecret?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where `preview` builds to (default packages/web/dist). */
  outDir?: string;
  logLevel?: LogLevel;
  /** `preview`: also write Vite's build manifest (`.vite/manifest.json`), for the budget bench. */
  manifest?: boolean;
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
  const configFile = join(webRoot, "vite.config.ts");
  const logLevel = options.logLevel ?? "warn";
  const server = { host: "127.0.0.1", port: options.port, strictPort: true, proxy: apiProxy(options.apiUrl, options.edgeSecret) };
  const shared: InlineConfig = {
    configFile,
    // The config imports workspace TypeScript (the API's base path). Bun (`bun dev`) imports it
    // as it is; Node (the tests' preview) only through Vite's runner, which costs `bun dev`'s start
    // about 0.25 s of CPU when it is not needed (measured: 0.40 s against 0.15 s to a listening server).
    configLoader: process.versions.bun ? "native" : "runner",
    root: webRoot,
    logLevel,
    clearScreen: false,
    build: { outDir },
  };

  if (options.mode === "dev") {
    const dev = await createServer({ ...shared, server });
    await dev.listen();
    return { url: originOf(dev.resolvedUrls?.local[0]), stop: () => dev.close() };
  }

  await productionBuild({ webRoot, configFile, outDir, logLevel, manifest: options.manifest ?? false });
  const served = await preview({ ...shared, preview: server });
  return {
    url: originOf(served.resolvedUrls?.local[0]),
    stop: () => served.close(),
  };
}

/**
 * A production build even when the caller runs with another NODE_ENV: Vite takes NODE_ENV as
 * it finds it, and vitest sets "test", which would give React's development build and JSX. So
 * the build runs as Vite's own command in a child process whose environment says "production".
 */
async function productionBuild(build: { webRoot: string; configFile: string; outDir: string; logLevel: LogLevel; manifest: boolean }): Promise<void> {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve("vite/package.json")), "bin", "vite.js");
  const args = [vite, "build", build.webRoot, "--config", build.configFile, "--configLoader", "runner", "--mode", "production"];
  args.push("--outDir", build.outDir, "--emptyOutDir", "--logLevel", build.logLevel, ...(build.manifest ? ["--manifest"] : []));
  // Always Node, whatever runs this file: Vite's command is a Node program.
  const child = spawn("node", args, { cwd: build.webRoot, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`building the web app failed: vite build exited with ${code} (its output is above)`);
}

function originOf(url: string | undefined): string {
  if (!url) throw new Error("the web origin did not report its address");
  return new URL(url).origin;
}
