import { mkdirSync, rmSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { bundleOptions } from "@emporium/functions/build";
import { lambdaContext, type FunctionConfig } from "./context";

export interface FunctionSource extends FunctionConfig {
  /** `<path from the repository root without extension>.<export>`, as in the manifest. */
  handler: string;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/** The function ran past its timeout, as Lambda reports it. */
export class FunctionTimeoutError extends Error {}

interface Loaded {
  source: FunctionSource;
  build: esbuild.BuildContext;
  generation: number;
  handler?: Promise<Handler>;
}

/**
 * Runs the project's Lambda handlers in this process, bundled exactly as they deploy
 * (packages/functions/src/build.ts), and rebuilds them when their sources change.
 */
export class FunctionHost {
  private readonly functions = new Map<string, Loaded>();
  private watcher?: FSWatcher;

  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  async add(sources: FunctionSource[]): Promise<void> {
    await Promise.all(
      sources.map(async (source) => {
        const [file, exportName] = splitHandler(source.handler);
        const dir = join(this.outDir, source.name);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const build = await esbuild.context({
          entryPoints: [join(this.root, `${file}.ts`)],
          outdir: dir,
          entryNames: "[name]-[hash]",
          write: true,
          metafile: true,
          logLevel: "silent",
          sourcemap: "inline",
          ...bundleOptions,
        });
        const loaded: Loaded = { source, build, generation: 0 };
        this.functions.set(source.name, loaded);
        await this.rebuild(loaded, exportName);
      }),
    );
  }

  private async rebuild(loaded: Loaded, exportName: string): Promise<void> {
    const result = await loaded.build.rebuild();
    const output = Object.keys(result.metafile!.outputs).find((file) => file.endsWith(".js"))!;
    loaded.generation++;
    // A new file name per build makes the module loader evaluate the new code.
    loaded.handler = import(pathToFileURL(join(this.root, output)).href).then((module) => {
      const handler = module[exportName];
      if (typeof handler !== "function") throw new Error(`${loaded.source.handler} does not export a function named ${exportName}`);
      return handler as Handler;
    });
    loaded.handler.catch(() => undefined);
  }

  /** Rebuilds every function when anything under `dirs` changes (debounced). */
  watch(dirs: string[]): void {
    let timer: NodeJS.Timeout | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.rebuildAll(), 150);
    };
    const watchers = dirs.map((dir) => watch(dir, { recursive: true }, onChange));
    this.watcher = { close: () => watchers.forEach((w) => w.close()) } as FSWatcher;
  }

  private async rebuildAll(): Promise<void> {
    const started = performance.now();
    try {
      await Promise.all([...this.functions.values()].map((loaded) => this.rebuild(loaded, splitHandler(loaded.source.handler)[1])));
      this.log(`rebuilt ${this.functions.size} functions in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.log(`build failed, keeping the previous code: ${(error as Error).message}`);
    }
  }

  /** Invokes a function as Lambda would: a fresh context, and a timeout that fails the call. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    const loaded = this.functions.get(name);
    if (!loaded?.handler) throw new Error(`No function named ${name}`);
    const handler = await loaded.handler;
    const deadline = Date.now() + loaded.source.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new FunctionTimeoutError(`Task timed out after ${(loaded.source.timeoutMs / 1000).toFixed(2)} seconds`)),
        loaded.source.timeoutMs,
      );
    });
    try {
      return await Promise.race([handler(event, lambdaContext(loaded.source, deadline)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.watcher?.close();
    await Promise.all([...this.functions.values()].map((loaded) => loaded.build.dispose()));
  }
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf(".");
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}
