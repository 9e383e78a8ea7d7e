import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { bundleOptions } from "@emporium/functions/build";

/** One function's bundle: where it is, and every source file that went into it. */
export interface Bundle {
  url: string;
  /** Absolute paths of the bundle's inputs (from esbuild's metafile), to know what an edit affects. */
  inputs: Set<string>;
}

interface BuildRequest {
  name: string;
  entry: string;
  resolve: (bundle: Bundle) => void;
  reject: (error: Error) => void;
}

/**
 * Bundles functions on demand with the deployment options (packages/functions/src/build.ts).
 *
 * Requests that arrive while a build runs are gathered and built together in the next one:
 * one esbuild call with several entry points parses shared files (the AWS SDK, core) once,
 * and without code splitting each entry still becomes its own self-contained bundle, the same
 * bytes a build of that function alone gives. No incremental context is kept between builds:
 * one per function is what held gigabytes in the esbuild process, and a build of the few
 * functions an edit touches is fast enough without one.
 */
export class FunctionBuilder {
  private queue: BuildRequest[] = [];
  private running?: Promise<void>;
  private idleTimer?: NodeJS.Timeout;

  /**
   * `stopWhenIdleMs`: stop esbuild's service process once no build has run for this long. It
   * keeps well over 100 MB after bundling the SDK; the next build starts it again (tens of ms).
   * Only for a process where nothing else uses esbuild, since the service is per process.
   */
  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly stopWhenIdleMs?: number,
  ) {}

  build(name: string, entry: string): Promise<Bundle> {
    clearTimeout(this.idleTimer);
    return new Promise((resolve, reject) => {
      this.queue.push({ name, entry, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Let every request made in this turn (a burst of first invocations, an edit) join the first build.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.buildTogether(batch);
    }
    this.running = undefined;
    if (this.stopWhenIdleMs !== undefined) {
      this.idleTimer = setTimeout(() => void esbuild.stop(), this.stopWhenIdleMs);
      this.idleTimer.unref();
    }
  }

  private async buildTogether(batch: BuildRequest[]): Promise<void> {
    // The same function asked for twice in one batch is built once.
    const entries = Object.fromEntries(batch.map((request) => [request.name, resolve(this.root, request.entry)]));
    let result: esbuild.BuildResult<{ metafile: true }>;
    try {
      result = await esbuild.build({
        // Paths in the metafile are relative to this, whatever the process's cwd.
        absWorkingDir: this.root,
        entryPoints: entries,
        outdir: this.outDir,
        outExtension: { ".js": ".mjs" },
        // The hash changes only when the bundle does, so a rebuild that changes nothing keeps the warm worker.
        entryNames: "[name]-[hash]",
        write: true,
        metafile: true,
        logLevel: "silent",
        sourcemap: "inline",
        ...bundleOptions,
      });
    } catch (error) {
      for (const request of batch) request.reject(error as Error);
      return;
    }
    const byEntry = new Map<string, Bundle>();
    for (const [output, meta] of Object.entries(result.metafile.outputs)) {
      if (!meta.entryPoint || !output.endsWith(".mjs")) continue;
      byEntry.set(this.absolute(meta.entryPoint), {
        url: pathToFileURL(this.absolute(output)).href,
        inputs: new Set(reachable(result.metafile, meta.entryPoint).map((input) => this.absolute(input))),
      });
    }
    for (const request of batch) {
      const bundle = byEntry.get(resolve(this.root, request.entry));
      if (bundle) request.resolve(bundle);
      else request.reject(new Error(`esbuild produced no bundle for ${request.name} (${request.entry})`));
    }
  }

  private absolute(path: string): string {
    // Metafile paths are relative to absWorkingDir; some (namespaced) inputs are not files at all.
    return isAbsolute(path) ? path : resolve(this.root, path);
  }
}

/**
 * Every file the entry imports, directly or not, from the metafile's import graph. Not the
 * output's own `inputs`: those leave out files that contribute no bytes (a constant the minifier
 * inlined, a type-only module), yet editing such a file changes the bundle.
 */
export function reachable(metafile: esbuild.Metafile, entry: string): string[] {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const { path, external } of metafile.inputs[queue.pop()!]?.imports ?? []) {
      if (external || seen.has(path) || !metafile.inputs[path]) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return [...seen];
}
