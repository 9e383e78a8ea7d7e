import { mkdirSync, rmSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import * as esbuild from "esbuild";
import { bundleOptions } from "@emporium/functions/build";

export interface FunctionSource {
  name: string;
  /** `<path from the repository root without extension>.<export>`, as in the manifest. */
  handler: string;
  memoryMb: number;
  timeoutMs: number;
  /** The function's own environment (its links, the SDK's endpoints). */
  environment: Record<string, string>;
}

/** The function ran past its timeout, as Lambda reports it. */
export class FunctionTimeoutError extends Error {}

/** The handler threw; Lambda reports this as an `Unhandled` function error. */
export class FunctionError extends Error {
  constructor(readonly errorType: string, message: string, readonly remoteStack?: string) {
    super(message);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** What a function has done so far: how often it ran and for how long (for benchmarks). */
export interface FunctionMetrics {
  invocations: number;
  busyMs: number;
}

interface Deployed {
  source: FunctionSource;
  metrics: FunctionMetrics;
  build: esbuild.BuildContext;
  url?: string;
  /** The warm execution environment, created on first invocation. */
  worker?: Worker;
  pending: Map<number, Pending>;
}

/** The execution-environment script, bundled once per host so plain Node can run it in a worker. */
const WORKER_SOURCE = fileURLToPath(new URL("./worker.ts", import.meta.url));

/**
 * Runs the project's Lambda handlers the way Lambda does, on this machine: each function is
 * bundled exactly as it deploys (packages/functions/src/build.ts) and runs in its own worker
 * thread with its own environment, so it sees only the resources it links. The worker stays
 * warm between invocations, is discarded when an invocation times out (the next one is a cold
 * start again) and is replaced when the sources change.
 */
export class FunctionHost {
  private readonly functions = new Map<string, Deployed>();
  private watcher?: FSWatcher;
  private nextId = 0;
  private workerScript?: Promise<string>;
  private workerScriptPath?: string;

  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly log: (source: string, line: string) => void = () => undefined,
  ) {}

  async add(sources: FunctionSource[]): Promise<void> {
    this.workerScript ??= esbuild
      .build({
        entryPoints: [WORKER_SOURCE],
        outfile: join(this.outDir, "_runtime", "worker.mjs"),
        bundle: true,
        platform: "node",
        format: "esm",
        logLevel: "silent",
      })
      .then(() => join(this.outDir, "_runtime", "worker.mjs"));
    this.workerScriptPath = await this.workerScript;
    await Promise.all(
      sources.map(async (source) => {
        const [file] = splitHandler(source.handler);
        const dir = join(this.outDir, source.name);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        const build = await esbuild.context({
          // Output paths in the metafile are relative to this, whatever the process's cwd.
          absWorkingDir: this.root,
          entryPoints: [join(this.root, `${file}.ts`)],
          outdir: dir,
          outExtension: { ".js": ".mjs" },
          entryNames: "[name]-[hash]",
          write: true,
          metafile: true,
          logLevel: "silent",
          sourcemap: "inline",
          ...bundleOptions,
        });
        const deployed: Deployed = { source, build, pending: new Map(), metrics: { invocations: 0, busyMs: 0 } };
        this.functions.set(source.name, deployed);
        await this.rebuild(deployed);
      }),
    );
  }

  private async rebuild(deployed: Deployed): Promise<void> {
    const result = await deployed.build.rebuild();
    const output = Object.keys(result.metafile!.outputs).find((file) => file.endsWith(".mjs"))!;
    deployed.url = pathToFileURL(join(this.root, output)).href;
    this.retire(deployed, new Error(`${deployed.source.name} was redeployed`));
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
      await Promise.all([...this.functions.values()].map((deployed) => this.rebuild(deployed)));
      this.log("functions", `rebuilt ${this.functions.size} functions in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      this.log("functions", `build failed, keeping the previous code: ${(error as Error).message}`);
    }
  }

  /** Invokes a function as Lambda would: a Lambda context, and a timeout that ends the call. */
  invoke(name: string, event: unknown): Promise<unknown> {
    const deployed = this.functions.get(name);
    if (!deployed) return Promise.reject(new Error(`No function named ${name}`));
    const worker = this.warm(deployed);
    const id = this.nextId++;
    const { timeoutMs } = deployed.source;
    const started = performance.now();
    const done = () => {
      deployed.metrics.invocations++;
      deployed.metrics.busyMs += performance.now() - started;
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        deployed.pending.delete(id);
        reject(new FunctionTimeoutError(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`));
        // Lambda freezes and discards a timed-out environment; so do we.
        this.retire(deployed, new FunctionTimeoutError("the execution environment was reset after a timeout"));
      }, timeoutMs);
      deployed.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), done(), resolve(value)),
        reject: (error) => (clearTimeout(timer), done(), reject(error)),
      });
      worker.postMessage({ id, event, deadline: Date.now() + timeoutMs });
    });
  }

  private warm(deployed: Deployed): Worker {
    if (deployed.worker) return deployed.worker;
    const [, exportName] = splitHandler(deployed.source.handler);
    const { name, memoryMb, environment } = deployed.source;
    const worker = new Worker(this.workerScriptPath!, {
      workerData: { url: deployed.url, exportName, config: { functionName: `emporium-local-${name}`, memoryMb, region: environment.AWS_REGION ?? "us-east-1" } },
      env: environment,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on("line", (line) => this.log(`fn:${name}`, line));
    }
    worker.on("message", ({ id, result, error }: { id: number; result?: unknown; error?: { errorType: string; errorMessage: string; stack?: string } }) => {
      const pending = deployed.pending.get(id);
      if (!pending) return;
      deployed.pending.delete(id);
      if (error) pending.reject(new FunctionError(error.errorType, error.errorMessage, error.stack));
      else pending.resolve(result);
    });
    worker.on("error", (error) => this.retire(deployed, error, worker));
    worker.on("exit", () => this.retire(deployed, new Error(`${name} exited`), worker));
    deployed.worker = worker;
    return worker;
  }

  /** Ends an execution environment; what was running in it fails. */
  private retire(deployed: Deployed, reason: Error, only?: Worker): void {
    const worker = deployed.worker;
    if (!worker || (only && worker !== only)) return;
    deployed.worker = undefined;
    for (const pending of deployed.pending.values()) pending.reject(reason);
    deployed.pending.clear();
    void worker.terminate();
  }

  metrics(): Record<string, FunctionMetrics> {
    return Object.fromEntries([...this.functions].map(([name, deployed]) => [name, { ...deployed.metrics }]));
  }

  async close(): Promise<void> {
    this.watcher?.close();
    for (const deployed of this.functions.values()) this.retire(deployed, new Error("the function host stopped"));
    await Promise.all([...this.functions.values()].map((deployed) => deployed.build.dispose()));
  }
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf(".");
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}
