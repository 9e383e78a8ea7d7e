/**
 * The usual peer of the offline runtime: Serverless Framework v3 with serverless-offline
 * (HTTP API events, payload 2.0, handlers in worker threads, its default), serving functions
 * from the bundles the offline stack built, with the environment the stack gives them, so both
 * runtimes call the same DynamoDB Local table with the same code.
 *
 * Its packages (serverless 3.40.0, serverless-offline 13.9.0: the last line that supports v3)
 * are kept out of the root workspace in bench/peer/package.json with their own lockfile, and
 * installed there on first use. Serverless v3 needs no account for `offline`; its telemetry,
 * notifications and update checks are turned off (this machine reaches no network but the
 * npm registry).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePorts } from "../packages/local/src/emulators/ports";
import { processTree } from "./process-tree";

const peerDir = fileURLToPath(new URL("./peer/", import.meta.url));
const serverlessBin = join(peerDir, "node_modules", "serverless", "bin", "serverless.js");

export interface PeerFunction {
  name: string;
  /** The route, as in the manifest: `GET /products/{id}`. */
  routeKey: string;
  /** The esbuild bundle (.mjs) and the handler's export name. */
  bundle: string;
  exportName: string;
  environment: Record<string, string>;
  /** As the manifest sets them, and the offline runtime applies them (serverless-offline's own default timeout is 6 s). */
  timeoutSeconds: number;
  memoryMb: number;
}

export interface Peer {
  url: string;
  pid: number;
  versions: string;
  /** How many invocations serverless-offline ended with its "[504] - Lambda timeout." so far (from its log). */
  timeouts(): number;
  stop(): Promise<void>;
}

/** `bun install --frozen-lockfile` in bench/peer, unless its packages are there already. */
export function installPeer(): void {
  if (existsSync(serverlessBin)) return;
  console.log("installing the peer (bench/peer: serverless 3, serverless-offline) …");
  const install = spawnSync(process.execPath, ["install", "--frozen-lockfile", "--cwd", peerDir], { stdio: "inherit" });
  if (install.status !== 0 || !existsSync(serverlessBin)) throw new Error(`bun install in ${peerDir} failed (status ${install.status})`);
}

/** Starts `serverless offline` on a free loopback port for these functions; its service and log go in `workDir`. */
export async function startPeer(functions: PeerFunction[], workDir: string, startTimeoutMs = 120_000): Promise<Peer> {
  installPeer();
  const [httpPort, lambdaPort] = await freePorts(2);
  // Serverless finds the plugin beside itself, in bench/peer/node_modules.
  const serviceDir = join(workDir, "peer-service");
  mkdirSync(serviceDir, { recursive: true });
  const service = {
    service: "emporium-peer",
    frameworkVersion: "3",
    // Node 20 is what runs the handlers either way: serverless-offline runs them in its own Node.
    provider: { name: "aws", runtime: "nodejs20.x", region: "us-east-1", stage: "local" },
    plugins: ["serverless-offline"],
    functions: Object.fromEntries(
      functions.map((fn) => {
        copyFileSync(fn.bundle, join(serviceDir, `${fn.name}.mjs`));
        const [method, path] = fn.routeKey.split(" ");
        return [
          fn.name,
          { handler: `${fn.name}.${fn.exportName}`, environment: fn.environment, timeout: fn.timeoutSeconds, memorySize: fn.memoryMb, events: [{ httpApi: { method, path } }] },
        ];
      }),
    ),
  };
  writeFileSync(join(serviceDir, "serverless.json"), JSON.stringify(service, null, 2));

  const log = createWriteStream(join(workDir, "peer.log"));
  let timeouts = 0;
  const child = spawn(
    "node",
    [serverlessBin, "offline", "start", "--host", "127.0.0.1", "--httpPort", String(httpPort), "--lambdaPort", String(lambdaPort), "--noSponsor"],
    {
      cwd: serviceDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        AWS_EC2_METADATA_DISABLED: "true",
        SLS_TELEMETRY_DISABLED: "1",
        SLS_TRACKING_DISABLED: "1",
        SLS_NOTIFICATIONS_MODE: "off",
        SLS_DEPRECATION_DISABLE: "*",
        SLS_INTERACTIVE_SETUP_DISABLE: "1",
        SERVERLESS_PLATFORM_STAGE: "",
      },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    // Serverless may start processes of its own: end each one it started, by PID.
    const pids = child.exitCode === null ? processTree(child.pid!).map((process) => process.pid) : [];
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    for (const pid of pids.slice(1)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    log.end();
  };
  const lines: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serverless offline was not ready within ${startTimeoutMs / 1000} s:\n${lines.slice(-30).join("\n")}`)), startTimeoutMs);
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on("line", (line) => {
          log.write(`${line}\n`);
          if (line.includes("[504] - Lambda timeout.")) timeouts++;
          if (lines.length < 200) lines.push(line);
          if (/Server ready: http:\/\/127\.0\.0\.1:\d+/.test(line)) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
      void exited.then((code) => (clearTimeout(timer), reject(new Error(`serverless offline exited (${code}) before it was ready:\n${lines.slice(-30).join("\n")}`))));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const version = (name: string) => (JSON.parse(readFileSync(join(peerDir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  const node = spawnSync("node", ["--version"], { encoding: "utf8" }).stdout.trim();
  return { url: `http://127.0.0.1:${httpPort}`, pid: child.pid!, timeouts: () => timeouts, versions: `serverless ${version("serverless")}, serverless-offline ${version("serverless-offline")}, node ${node}`, stop };
}
