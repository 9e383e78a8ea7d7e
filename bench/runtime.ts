/**
 * The offline runtime as a developer meets it: how long `bun dev` takes to print `ready`
 * (first start and restart) next to its slowest emulator started alone, how much memory the
 * whole `bun dev` process tree holds after the README's example session, how fast an edit is
 * live and how many functions it rebuilds, and whether stream checkpoints survive a restart.
 *
 *   bun bench/runtime.ts
 *
 * It runs `bun run dev` itself on free ports with its own state directory (EMPORIUM_STATE_DIR),
 * so it does not disturb a `bun dev` already running. The edit figures come from real edits of
 * packages/functions/src/health/get.ts and packages/core/src/money (restored afterwards).
 * A benchmark, not a test: it exits non-zero only when `bun dev` fails to start or to answer.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startCognito } from "../packages/local/src/emulators/cognito";
import { startDynamo } from "../packages/local/src/emulators/dynamodb";
import { startKinesis } from "../packages/local/src/emulators/kinesis";
import { freePorts } from "../packages/local/src/emulators/ports";
import type { Emulator } from "../packages/local/src/emulators/process";
import { emulatorDataDir } from "../packages/local/src/stack/state-layout";
import { signIn } from "../packages/local/src/stack/tokens";
import type { DevState } from "../packages/local/src/bin/dev-state";
import { processTree } from "./process-tree";
import { renderTable } from "./table";

process.env.AWS_EC2_METADATA_DISABLED = "true";

/** Figures from issue 10, measured on the runtime before this work, for side-by-side comparison. */
const BEFORE = { firstStartS: 25, restartS: 33, memoryGiB: 5.2 };
const GiB = 1024 ** 3;
const START_ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 3);
const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "emporium-runtime-bench-"));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

// ---- each emulator alone: spawn to first answer, on the data `bun dev` gives it (`state`): none
// before the first start, and a copy of what the first run left before the restart.
// Their output is kept only to explain a start that failed.
const starters: [string, (port: number, state: string, log: (line: string) => void) => Promise<Emulator>][] = [
  ["DynamoDB Local", (port, state, log) => startDynamo({ port, dataDir: emulatorDataDir(state, "dynamodb"), log })],
  ["cognito-local", (port, state, log) => startCognito({ port, dataDir: join(state, "cognito"), log })],
  ["kinesis-local", (port, state, log) => startKinesis({ port, dataDir: emulatorDataDir(state, "kinesis"), log })],
];
async function alone(state: string): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const [name, start] of starters) {
    // A free port can be taken by another program between picking it and binding it (this
    // machine is shared): such a start fails at once and is tried again.
    for (let attempt = 1; ; attempt++) {
      const [port] = await freePorts(1);
      const output: string[] = [];
      const started = performance.now();
      const emulator = await start(port!, state, (line) => output.push(line)).catch((error: Error) => {
        console.error(`${name} alone, attempt ${attempt}: ${error.message}\n${output.slice(-20).join("\n")}`);
        if (attempt >= 3) throw error;
        return undefined;
      });
      if (!emulator) continue;
      times.set(name, performance.now() - started);
      await emulator.stop();
      break;
    }
  }
  return times;
}
// DynamoDB Local's probe loads the SDK client lazily; loaded here first, so "alone" times the emulator, not this import.
await import("@aws-sdk/client-dynamodb");
const aloneFirst = await alone(join(work, "alone-first"));
const slowestFirst = Math.max(...aloneFirst.values());

// ---- bun dev
const [api, dynamodb, cognito, lambda, kinesis, ses] = await freePorts(6);
const stateDir = join(work, "state");
const envFor = (state: string) => ({
  ...process.env,
  PORT: String(api),
  EMPORIUM_DYNAMODB_PORT: String(dynamodb),
  EMPORIUM_COGNITO_PORT: String(cognito),
  EMPORIUM_LAMBDA_PORT: String(lambda),
  EMPORIUM_KINESIS_PORT: String(kinesis),
  EMPORIUM_SES_PORT: String(ses),
  EMPORIUM_STATE_DIR: state,
});

interface Dev {
  child: ChildProcess;
  startedAt: number;
  readyMs: number;
  /** From the spawn to the first GET /products that lists the catalogue (asked at `ready`). */
  firstAnswerMs: number;
  lines: { at: number; text: string }[];
  waitFor(pattern: RegExp, after: number, timeoutMs: number): Promise<{ at: number; text: string }>;
  stop(): Promise<void>;
}

async function startDev(state = stateDir, extraEnv: Record<string, string> = {}): Promise<Dev> {
  const started = performance.now();
  // Its own process group, so stopping it stops `bun run` and everything under it, as Ctrl-C does.
  const child = spawn("bun", ["run", "dev"], { cwd: root, env: { ...envFor(state), ...extraEnv }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: Dev["lines"] = [];
  const waiters = new Set<() => void>();
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on("line", (text) => {
      lines.push({ at: performance.now(), text });
      for (const waiter of waiters) waiter();
    });
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const waitFor: Dev["waitFor"] = (pattern, after, timeoutMs) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const line = lines.find((candidate) => candidate.at >= after && pattern.test(candidate.text));
        if (!line) return;
        cleanup();
        resolve(line);
      };
      const timer = setTimeout(() => (cleanup(), reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.slice(-30).map((l) => l.text).join("\n")}`))), timeoutMs);
      const onExit = () => (cleanup(), reject(new Error(`bun dev exited:\n${lines.slice(-30).map((l) => l.text).join("\n")}`)));
      const cleanup = () => (clearTimeout(timer), waiters.delete(check), child.off("exit", onExit));
      waiters.add(check);
      child.once("exit", onExit);
      check();
    });
  const ready = await waitFor(/^ready: /, started, 120_000);
  // What a developer does at ready: the first request waits for its function's build (lazy).
  let firstAnswer: number | undefined;
  for (let attempt = 0; attempt < 100 && firstAnswer === undefined; attempt++) {
    const response = await fetch(`${apiUrl}/products?limit=3`).catch(() => undefined);
    if (response?.ok && ((await response.json()) as { items: unknown[] }).items.length > 0) firstAnswer = performance.now();
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (firstAnswer === undefined) throw new Error(`GET /products listed no catalogue within 10 s of ready`);
  return {
    child,
    startedAt: started,
    readyMs: ready.at - started,
    firstAnswerMs: firstAnswer - started,
    lines,
    waitFor,
    stop: async () => {
      process.kill(-child.pid!, "SIGINT");
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const apiUrl = `http://127.0.0.1:${api}`;
async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<any>;
}

/** The README's example session, then the order's way through the pipeline to CONFIRMED. */
async function exampleSession(): Promise<void> {
  const state = JSON.parse(readFileSync(join(stateDir, "dev.json"), "utf8")) as DevState;
  const token = async (email: string) => (await signIn(state.cognitoEndpoint, state.clientId, email, state.users.find((u) => u.email === email)!.password)).accessToken;
  await call("GET", "/products?limit=3");
  const customer = await token("customer@example.com");
  await call("GET", "/me", customer);
  const products = await call("GET", "/products");
  const order = await call("POST", "/orders", customer, { lines: [{ productId: products.items[0].id, quantity: 2 }] });
  await call("GET", "/me/orders", customer);
  const admin = await token("admin@example.com");
  await call("GET", "/orders?status=PENDING&from=2026-01-01", admin);
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await call("GET", `/orders/${order.id}`, customer)).status === "CONFIRMED") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${order.id} was not confirmed within 10 s`);
}

/** Edits a file, waits until the change is live (`live` says so), restores it, waits again. */
async function timedEdit(file: string, edit: (text: string) => string, live: (edited: boolean) => Promise<boolean>) {
  const original = readFileSync(file, "utf8");
  const started = performance.now();
  writeFileSync(file, edit(original));
  try {
    for (let attempt = 0; attempt < 200 && !(await live(true)); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
    return performance.now() - started;
  } finally {
    writeFileSync(file, original);
    for (let attempt = 0; attempt < 200 && !(await live(false)); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const processorHandled = (dev: Dev, after: number) =>
  dev.lines
    .filter((line) => line.at >= after)
    .map((line) => /\[esm:OrderEventsProcessor\] OrderEventsProcessor handled (\d+) record/.exec(line.text))
    .reduce((sum, match) => sum + (match ? Number(match[1]) : 0), 0);

try {
  const first = await startDev();
  await exampleSession();
  // Steady state: the pipeline's tail (notifications, analytics) done, garbage collected.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const tree = processTree(first.child.pid!);
  const total = tree.reduce((sum, process) => sum + process.rssBytes, 0);

  // An edit of one handler: live once /health answers with the edit.
  const health = join(root, "packages/functions/src/health/get.ts");
  const marker = `edited-${Date.now()}`;
  const beforeHandlerEdit = performance.now();
  const handlerEditMs = await timedEdit(
    health,
    (text) => text.replace('status: table.reachable ? "ok" : "degraded"', `status: table.reachable ? "${marker}" : "degraded"`),
    async (edited) => ((await call("GET", "/health").catch(() => ({}))).status === marker) === edited,
  );
  const handlerStale = await first.waitFor(/\[functions\] out of date/, beforeHandlerEdit, 5_000);
  // An edit of a core module many functions import: live once the next request to one of them
  // (GET /products) is answered by a rebuilt bundle.
  const money = join(root, "packages/core/src/money/index.ts");
  const beforeCoreEdit = performance.now();
  let coreStale: { at: number; text: string } | undefined;
  const coreEditMs = await timedEdit(
    money,
    (text) => `${text}\nexport const benchEdit = ${Date.now()};\n`,
    async (edited) => {
      if (!edited) return true;
      coreStale ??= await first.waitFor(/\[functions\] out of date/, beforeCoreEdit, 5_000).catch(() => undefined);
      if (!coreStale) return false;
      await call("GET", "/products?limit=1");
      return first.lines.some((line) => line.at >= beforeCoreEdit && /\[functions\] rebuilt ProductsList /.test(line.text));
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const built = countBuilt(first);
  const handledFirst = processorHandled(first, 0);
  await first.stop();
  const copy = join(work, "alone-restart");
  cpSync(stateDir, copy, { recursive: true });
  const aloneRestart = await alone(copy);
  const slowestRestart = Math.max(...aloneRestart.values());

  const restart = await startDev();
  const afterRestart = restart.readyMs;
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const replayed = processorHandled(restart, 0);
  await restart.stop();

  // One start is one sample on a shared machine: more rounds of the same pairs (each emulator
  // alone, then bun dev; fresh state, then a restart on it), and the median ratio.
  const rounds = [{ first: first.readyMs, firstAnswer: first.firstAnswerMs, slowestFirst, restart: restart.readyMs, restartAnswer: restart.firstAnswerMs, slowestRestart }];
  for (let round = 2; round <= START_ROUNDS; round++) {
    const state = join(work, `round-${round}`);
    const aloneFresh = Math.max(...(await alone(join(work, `round-${round}-alone`))).values());
    const fresh = await startDev(state);
    await fresh.stop();
    cpSync(state, `${state}-alone`, { recursive: true });
    const aloneAgain = Math.max(...(await alone(`${state}-alone`)).values());
    const again = await startDev(state);
    await again.stop();
    rounds.push({ first: fresh.readyMs, firstAnswer: fresh.firstAnswerMs, slowestFirst: aloneFresh, restart: again.readyMs, restartAnswer: again.firstAnswerMs, slowestRestart: aloneAgain });
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  // A machine's very first `bun dev` has no template of the empty tables yet, nor code caches
  // for kinesis-local and cognito-local (it makes them as it runs): that start, without them,
  // beside its own alone figures (the emulators alone without code caches too).
  const firstOfMachine = { EMPORIUM_TABLES_TEMPLATE: "off", EMPORIUM_CODE_CACHE: "off" };
  const environment = { ...process.env };
  Object.assign(process.env, firstOfMachine);
  const aloneBare = Math.max(...(await alone(join(work, "no-template-alone"))).values());
  process.env = environment;
  const bare = await startDev(join(work, "no-template"), firstOfMachine);
  await bare.stop();

  const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
  console.log("\nStart: `bun dev` to `ready`, next to its slowest emulator started alone (target ≤ 2×):");
  console.log(
    renderTable(
      ["start", "bun dev", "slowest emulator alone", "ratio", "target", "before (issue 10)"],
      [
        ["first (fresh state)", `${seconds(first.readyMs)} s`, `${seconds(slowestFirst)} s`, ratio(first.readyMs, slowestFirst), "≤ 2×", `${BEFORE.firstStartS} s`],
        ["restart", `${seconds(afterRestart)} s`, `${seconds(slowestRestart)} s`, ratio(afterRestart, slowestRestart), "≤ 2×", `${BEFORE.restartS} s`],
        ["first, no tables' template or code caches (a machine's first)", `${seconds(bare.readyMs)} s`, `${seconds(aloneBare)} s`, ratio(bare.readyMs, aloneBare), "≤ 2×", `${BEFORE.firstStartS} s`],
      ],
    ),
  );
  if (rounds.length > 1) {
    console.log(`\nThe same pairs in ${rounds.length} rounds (BENCH_START_ROUNDS), each ratio against the slowest emulator alone just before;`);
    console.log("\"answer\": the first GET /products listing the catalogue, asked at ready (it waits for the function's build):");
    console.log(
      renderTable(
        ["round", "first start", "answer", "alone", "ratio", "restart", "answer", "alone", "ratio"],
        rounds.map((r, i) => [
          String(i + 1),
          `${seconds(r.first)} s`,
          `${seconds(r.firstAnswer)} s`,
          `${seconds(r.slowestFirst)} s`,
          ratio(r.first, r.slowestFirst),
          `${seconds(r.restart)} s`,
          `${seconds(r.restartAnswer)} s`,
          `${seconds(r.slowestRestart)} s`,
          ratio(r.restart, r.slowestRestart),
        ]),
      ),
    );
    const firstRatios = rounds.map((r) => r.first / r.slowestFirst);
    const restartRatios = rounds.map((r) => r.restart / r.slowestRestart);
    console.log(`median ratio: first start ${median(firstRatios).toFixed(2)}×, restart ${median(restartRatios).toFixed(2)}× (target ≤ 2×)`);
  }
  console.log(renderTable(["emulator alone", "first", "restart"], starters.map(([name]) => [name, `${seconds(aloneFirst.get(name)!)} s`, `${seconds(aloneRestart.get(name)!)} s`])));
  for (const [label, dev] of [["first start", first], ["restart", restart]] as const) {
    const phases = dev.lines.filter((line) => /^\[stack\]|^\[functions\] built Health|^ready: /.test(line.text));
    console.log(`${label}: ${phases.map((line) => `${line.text.replace(/^\[\w+\] /, "").replace(/^ready: .*/, "ready")} (at ${seconds(line.at - dev.startedAt)} s)`).join("; ")}`);
  }

  console.log("\nMemory: resident set of the whole `bun run dev` tree after the README's example session (target ≤ 1 GiB):");
  console.log(renderTable(["pid", "process", "RSS MiB"], tree.map((p) => [String(p.pid), p.command, (p.rssBytes / 1024 ** 2).toFixed(0)])));
  console.log(renderTable(["total", "target", "before (issue 10)"], [[`${(total / GiB).toFixed(2)} GiB`, "1.00 GiB", `${BEFORE.memoryGiB} GiB`]]));

  console.log("\nEdits (target: live within 1 s, only the functions whose inputs changed rebuilt):");
  console.log(
    renderTable(
      ["edit", "live after", "out of date (rebuilt when next invoked)", "functions built so far"],
      [
        ["packages/functions/src/health/get.ts (then GET /health)", `${handlerEditMs.toFixed(0)} ms`, staleNames(handlerStale.text), String(built)],
        ["packages/core/src/money/index.ts (then GET /products)", `${coreEditMs.toFixed(0)} ms`, coreStale ? staleNames(coreStale.text) : "(none seen)", String(built)],
      ],
    ),
  );

  console.log("\nRestart: stream records the processor handled (checkpoints kept: a restart replays nothing):");
  console.log(renderTable(["run", "records handled by OrderEventsProcessor"], [["first run (example session)", String(handledFirst)], ["5 s after the restart", String(replayed)]]));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function staleNames(line: string): string {
  const names = /out of date, rebuilt on next use: (.*)$/.exec(line)?.[1] ?? "";
  return `${names.split(", ").length} (${names})`;
}

function countBuilt(dev: Dev): number {
  return new Set(dev.lines.flatMap((line) => /\[functions\] built (.+) in \d+ ms/.exec(line.text)?.[1]?.split(", ") ?? [])).size;
}
