/** Bundles one handler file exactly as deployment does (packages/functions/src/build.ts). */
import { statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { bundleOptions } from "../packages/functions/src/build";

export interface Bundle {
  name: string;
  /** The .mjs bundle on disk. */
  file: string;
  url: string;
  bytes: number;
  metafile: esbuild.Metafile;
}

/** `mainFields` can be overridden, only to measure the alternative (CJS SDK builds). */
export async function bundle(name: string, entry: string, outDir: string, mainFields: readonly string[] = bundleOptions.mainFields): Promise<Bundle> {
  const file = join(outDir, name, "index.mjs");
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile: file,
    write: true,
    metafile: true,
    logLevel: "silent",
    sourcemap: false,
    ...bundleOptions,
    mainFields: [...mainFields],
  });
  return { name, file, url: pathToFileURL(file).href, bytes: statSync(file).size, metafile: result.metafile };
}
