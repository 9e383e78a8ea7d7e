import { mkdirSync, rmSync, watch, type FSWatcher } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import * as esbuild from "esbuild";
import { handlerParts } from "@emporium/functions/manifest";
import { FunctionBuilder, type Bundle } from "./builder";
import { LOCAL_REGION } from "../local-account";
import type { HeapReport } from "./heap-report";

export interface FunctionSource {
  name: string;
  /** `<path without extension>.<export>`: from the repository root as in the manifest, or absolute. */
  handler: string;
  memoryMb: number;
  timeoutMs: number;
  /** The function's own environment (its links, the SDK's endpoints). */
  environment: Record<string, string>;
}

/** A function's name as Lambda would know it offline (its context's `functionName`, its ARN). */
export const localFunctionName = (name: string) => `emporium-local-${name}`;

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
  /** Bundles built: the first on first use, then one per edit of one of its inputs. */
  builds: number;
  /** Invocations under way now, their build included (a benchmark waits for none to be left). */
  inFlight: number;
  /** Handler time measured in the environment, each invocation rounded up to 1 ms as Lambda bills it. */
  billedMs: number;
  /** Of that, the time the environment's event loop was busy (CPU, not waiting on I/O). */
  cpuMs: number;
  /** Cold starts (imports of the bundle), the time they took and the CPU time of that. */
  coldStarts: number;
  initMs: number;
  initCpuMs: number;
  /** The most one environment held after an invocation: its V8 heap plus off-heap buffers. */
  peakMemoryBytes: number;
}

/** What the environment reports with each answer (./worker.ts). */
interface Usage {
  durationMs: number;
  cpuMs: number;
  init?: { ms: number; cpuMs: number };
  memoryBytes: number;
}

interface Deployed {
  source: FunctionSource;
  metrics: FunctionMetrics;
  /** The current bundle, once the function has been built (on its first invocation). */
  bundle?: Bundle;
  /** A build in progress; invocations wait for it. */
  building?: Promise<Bundle>;
  /** A file the bundle imports changed since it was built: rebuilt on the next invocation. */
  stale?: boolean;
  /** The warm execution environment, created on first invocation. */
  worker?: Worker;
  pending: Map<number, Pending>;
  /** Heap reports asked of the warm environment and not answered yet. */
  heapReports: Map<number, (report: HeapReport | undefined) => void>;
}

/** The execution-environment script, bundled once per host so plain Node can run it in a worker. */
const WORKER_SOURCE = fileURLToPath(new URL("./worker.ts", import.meta.url));
/** Editors write a file in several steps; changes this close together are one edit. */
const SETTLE_MS = 30;

/**
 * Runs the project's Lambda handlers the way Lambda does, on this machine: each function is
 * bundled exactly as it deploys (packages/functions/src/build.ts) and runs in its own worker
 * thread with its own environment, so it sees only the resources it links. The worker stays
 * warm between invocations, is discarded when an invocation times out (the next one is a cold
 * start again) and is replaced when its bundle changes.
 *
 * Functions are built lazily, on their first invocation, so starting costs nothing per
 * function. An edit marks out of date only the functions built so far whose bundles include
 * the edited file (from esbuild's metafile import graph); each is rebuilt on its next
 * invocation, and functions never built are built from the new sources when first used.
 */
export class FunctionHost {
  private readonly functions = new Map<string, Deployed>();
  private readonly builder: FunctionBuilder;
  private watcher?: FSWatcher;
  private nextId = 0;
  private workerScript?: Promise<string>;

  constructor(
    private readonly root: string,
    private readonly outDir: string,
    private readonly log: (source: string, line: string) => void = () => undefined,
    options: { stopBuilderWhenIdleMs?: number } = {},
  ) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    this.builder = new FunctionBuilder(root, join(outDir, "bundles"), options.stopBuilderWhenIdleMs);
  }

  /** Registers functions; nothing is built until a function is first invoked (or `buildNow`). */
  async add(sources: FunctionSource[]): Promise<void> {
    for (const source of sources) {
      if (this.functions.has(source.name)) throw new Error(`two functions are named ${source.name}`);
      this.functions.set(source.name, { source, pending: new Map(), heapReports: new Map(), metrics: { invocations: 0, busyMs: 0, builds: 0, inFlight: 0, billedMs: 0, cpuMs: 0, coldStarts: 0, initMs: 0, initCpuMs: 0, peakMemoryBytes: 0 } });
    }
    await this.runtimeScript();
  }

  /** Builds these functions now, in one esbuild call, rather than on their first invocation. */
  async buildNow(names: readonly string[]): Promise<void> {
    await Promise.all(names.map((name) => this.bundle(this.deployed(name))));
  }

  /**
   * Starts the execution environment of each function (its cold start: the bundle is imported)
   * before its first invocation, which then finds it warm. Call after `setEnvironment`.
   */
  async startEnvironments(names: readonly string[]): Promise<void> {
    const script = await this.runtimeScript();
    await Promise.all(names.map(async (name) => this.warm(this.deployed(name), await this.bundle(this.deployed(name)), script)));
  }

  /**
   * Sets a function's environment. Only execution environments started afterwards see it, so
   * a stack can register (and build) its functions before it knows its resources' addresses.
   */
  setEnvironment(name: string, environment: Record<string, string>): void {
    const deployed = this.deployed(name);
    deployed.source = { ...deployed.source, environment };
  }

  /** The environment a function's execution environments start with (what `setEnvironment` gave it). */
  environmentOf(name: string): Record<string, string> {
    return { ...this.deployed(name).source.environment };
  }

  private deployed(name: string): Deployed {
    const deployed = this.functions.get(name);
    if (!deployed) throw new Error(`No function named ${name}`);
    return deployed;
  }

  private runtimeScript(): Promise<string> {
    const outfile = join(this.outDir, "_runtime", "worker.mjs");
    this.workerScript ??= esbuild
      .build({ entryPoints: [WORKER_SOURCE], outfile, bundle: true, platform: "node", format: "esm", logLevel: "silent" })
      .then(() => outfile);
    return this.workerScript;
  }

  /** The function's current bundle: built now if it never was, or being rebuilt after an edit. */
  private bundle(deployed: Deployed): Promise<Bundle> {
    if (deployed.building) return deployed.building;
    if (deployed.bundle && !deployed.stale) return Promise.resolve(deployed.bundle);
    return this.build(deployed);
  }

  private build(deployed: Deployed): Promise<Bundle> {
    const { file } = handlerParts(deployed.source.handler);
    const started = performance.now();
    // An edit while this build runs marks it stale again, and the next invocation builds anew.
    deployed.stale = false;
    const building = this.builder.build(deployed.source.name, `${file}.ts`).then(
      (bundle) => {
        deployed.metrics.builds++;
        this.log("functions", `${deployed.bundle ? "rebuilt" : "built"} ${deployed.source.name} in ${Math.round(performance.now() - started)} ms`);
        const changed = deployed.bundle?.url !== bundle.url;
        deployed.bundle = bundle;
        if (changed) this.retire(deployed, new Error(`${deployed.source.name} was redeployed`));
        return bundle;
      },
      (error: Error) => {
        // A failed rebuild keeps the previous code running; a failed first build fails the invocation.
        if (deployed.bundle) {
          this.log("functions", `build of ${deployed.source.name} failed, keeping the previous code: ${error.message}`);
          return deployed.bundle;
        }
        throw error;
      },
    );
    deployed.building = building;
    void building.finally(() => {
      if (deployed.building === building) deployed.building = undefined;
    }).catch(() => undefined);
    return building;
  }

  /** Rebuilds the functions whose bundles include a file that changed under `dirs`. */
  watch(dirs: string[]): void {
    const changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const watchers = dirs.map((dir) =>
      watch(dir, { recursive: true }, (_event, file) => {
        if (file) changed.add(resolve(dir, file.toString()));
        clearTimeout(timer);
        timer = setTimeout(() => {
          const files = [...changed];
          changed.clear();
          this.invalidate(files);
        }, SETTLE_MS);
      }),
    );
    this.watcher = { close: () => watchers.forEach((w) => w.close()) } as FSWatcher;
  }

  /**
   * Marks every built function whose bundle imports any of `files` out of date; each is
   * rebuilt on its next invocation, so an edit costs only the build of the function called
   * next, not of all it touches. Returns their names.
   */
  invalidate(files: string[]): string[] {
    const affected = [...this.functions.values()].filter(
      (deployed) => deployed.bundle && files.some((file) => deployed.bundle!.inputs.has(file)),
    );
    for (const deployed of affected) deployed.stale = true;
    const names = affected.map((deployed) => deployed.source.name);
    if (names.length > 0) this.log("functions", `out of date, rebuilt on next use: ${names.join(", ")}`);
    return names;
  }

  /** Invokes a function as Lambda would: a Lambda context, and a timeout that ends the call. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    const deployed = this.functions.get(name);
    if (!deployed) throw new Error(`No function named ${name}`);
    deployed.metrics.inFlight++;
    try {
      return await this.run(deployed, event);
    } finally {
      deployed.metrics.inFlight--;
    }
  }

  private async run(deployed: Deployed, event: unknown): Promise<unknown> {
    const bundle = await this.bundle(deployed);
    const worker = this.warm(deployed, bundle, await this.runtimeScript());
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

  private warm(deployed: Deployed, bundle: Bundle, script: string): Worker {
    if (deployed.worker) return deployed.worker;
    const { exportName } = handlerParts(deployed.source.handler);
    const { name, memoryMb, environment } = deployed.source;
    const worker = new Worker(script, {
      workerData: { url: bundle.url, exportName, config: { functionName: localFunctionName(name), memoryMb, region: environment.AWS_REGION ?? LOCAL_REGION } },
      env: environment,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on("line", (line) => this.log(`fn:${name}`, line));
    }
    worker.on("message", ({ id, result, error, usage, heapReportOf, heap }: { id: number; result?: unknown; error?: { errorType: string; errorMessage: string; stack?: string }; usage?: Usage; heapReportOf?: number; heap?: HeapReport }) => {
      if (heapReportOf !== undefined) {
        deployed.heapReports.get(heapReportOf)?.(heap);
        deployed.heapReports.delete(heapReportOf);
        return;
      }
      if (usage) this.account(deployed.metrics, usage);
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

  private account(metrics: FunctionMetrics, usage: Usage): void {
    metrics.billedMs += Math.ceil(usage.durationMs);
    metrics.cpuMs += usage.cpuMs;
    if (usage.init) {
      metrics.coldStarts++;
      metrics.initMs += usage.init.ms;
      metrics.initCpuMs += usage.init.cpuMs;
    }
    metrics.peakMemoryBytes = Math.max(metrics.peakMemoryBytes, usage.memoryBytes);
  }

  /**
   * Ends a function's execution environment at once, failing the invocations it is running, as
   * a crash of its runtime would on Lambda (fault tests). False when none was running.
   */
  crash(name: string): boolean {
    const deployed = this.deployed(name);
    if (!deployed.worker) return false;
    this.retire(deployed, new FunctionError("Runtime.ExitError", "the execution environment crashed"));
    return true;
  }

  private retire(deployed: Deployed, reason: Error, only?: Worker): void {
    const worker = deployed.worker;
    if (!worker || (only && worker !== only)) return;
    deployed.worker = undefined;
    for (const pending of deployed.pending.values()) pending.reject(reason);
    deployed.pending.clear();
    void worker.terminate();
  }

  /**
   * Each warm environment's own heap, as its runtime reports it (Bun only; on Node, or when an
   * environment does not answer within `timeoutMs`, it is left out): where a long run's memory goes.
   */
  async heapReports(timeoutMs = 5_000): Promise<Record<string, HeapReport>> {
    const asked = [...this.functions].flatMap(([name, deployed]) => {
      const worker = deployed.worker;
      if (!worker) return [];
      const id = this.nextId++;
      return [
        new Promise<[string, HeapReport | undefined]>((resolve) => {
          const timer = setTimeout(() => (deployed.heapReports.delete(id), resolve([name, undefined])), timeoutMs);
          deployed.heapReports.set(id, (report) => (clearTimeout(timer), resolve([name, report])));
          worker.postMessage({ heapReport: id });
        }),
      ];
    });
    const answered = await Promise.all(asked);
    return Object.fromEntries(answered.filter((entry): entry is [string, HeapReport] => entry[1] !== undefined));
  }

  /** The file URL of a function's current bundle, once built (the cost model imports it in plain Node to size it). */
  bundleUrl(name: string): string | undefined {
    return this.deployed(name).bundle?.url;
  }

  metrics(): Record<string, FunctionMetrics> {
    return Object.fromEntries([...this.functions].map(([name, deployed]) => [name, { ...deployed.metrics }]));
  }

  async close(): Promise<void> {
    this.watcher?.close();
    for (const deployed of this.functions.values()) this.retire(deployed, new Error("the function host stopped"));
    await Promise.allSettled([...this.functions.values()].map((deployed) => deployed.building));
  }
}
