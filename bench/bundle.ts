/** Bundles one handler file exactly as deployment does (packages/functions/src/build.ts). */
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { bundleOptions } from "../packages/functions/src/build";

export interface Bundle {
  name: string;
  /** The entry .mjs on disk. */
  file: string;
  url: string;
  /** What a cold start reads: the entry and the chunks it imports statically (transitively). */
  bytes: number;
  /** Everything deployed, chunks loaded only by `import()` included. */
  deployedBytes: number;
  /** The metafile, its outputs narrowed to what a cold start reads. */
  metafile: esbuild.Metafile;
}

/** BENCH_SPLITTING=1 measures the alternative of esbuild's code splitting (SST's `nodejs.splitting`). */
const splitting = process.env.BENCH_SPLITTING === "1";

/** `mainFields` can be overridden, only to measure the alternative (CJS SDK builds). */
export async function bundle(name: string, entry: string, outDir: string, mainFields: readonly string[] = bundleOptions.mainFields): Promise<Bundle> {
  const dir = join(outDir, name);
  const result = await esbuild.build({
    entryPoints: { index: entry },
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    write: true,
    metafile: true,
    logLevel: "silent",
    sourcemap: false,
    ...bundleOptions,
    splitting,
    mainFields: [...mainFields],
  });
  const outputs = result.metafile.outputs;
  // Chunks that import() loads have an entryPoint too: the handler's output is the one named index.
  const entryOutput = Object.keys(outputs).find((path) => path.endsWith("/index.mjs"))!;
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const { path: imported, kind } of outputs[path]!.imports) if (kind === "import-statement" && outputs[imported]) visit(imported);
  };
  visit(entryOutput);
  const file = resolve(entryOutput);
  const size = (paths: Iterable<string>) => [...paths].reduce((sum, path) => sum + statSync(resolve(path)).size, 0);
  return {
    name,
    file,
    url: pathToFileURL(file).href,
    bytes: size(loaded),
    deployedBytes: size(Object.keys(outputs)),
    metafile: { ...result.metafile, outputs: Object.fromEntries([...loaded].map((path) => [path, outputs[path]!])) },
  };
}
