import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { withCodeCache } from "./code-cache";
import { own, whenReady, yieldCpu, type Emulator, type SpawnedEmulator } from "./process";
import { freePorts } from "./ports";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../local-account";

export interface KinesisOptions {
  port: number;
  /** Absolute folder where streams and their records are kept across restarts; in memory when absent. */
  dataDir?: string;
  log: (line: string) => void;
  /** Runs it at a lower CPU priority (see `yieldCpu`). */
  yieldCpu?: boolean;
  /** Ports other processes of the stack are about to listen on, which its TLS port must not take. */
  reservedPorts?: number[];
}

/*
 * kinesis-local 0.6.2 binds the wildcard address (it calls `listen(port, callback)`) and has no
 * setting for the host. This runs before its code, in its process only, and turns such a listen
 * into a listen on loopback.
 *
 * On SIGTERM kinesis-mock shuts its servers down and then saves its state, but its server waits
 * for open connections first, and the stack's clients keep theirs alive: the stop's grace period
 * ran out and SIGKILL lost whatever came after the last save. Ending the connections (a FIN, which
 * the clients answer by closing) lets it save and exit at once (measured: 120 ms, not 5 s).
 */
const LISTEN_ON_LOOPBACK = `
const { Server } = require("node:net");
const listen = Server.prototype.listen;
const connections = new Set();
Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && typeof args[1] === "function") args.splice(1, 0, "127.0.0.1");
  this.on("connection", (socket) => {
    connections.add(socket);
    socket.once("close", () => connections.delete(socket));
  });
  return listen.apply(this, args);
};
process.once("SIGTERM", () => {
  for (const socket of connections) socket.end();
});
`;

/**
 * kinesis-local (kinesis-mock compiled to JavaScript): Kinesis Data Streams over plain HTTP on
 * `port`, in memory or kept in `dataDir`. Clients must use HTTP/1.1 (`new NodeHttpHandler()`): over HTTP/2 some
 * calls fail.
 */
export async function startKinesis(options: KinesisOptions): Promise<Emulator> {
  return (await spawnKinesis(options)).answering();
}

/** Starts kinesis-local's process; `answering()` waits for it to serve. */
export async function spawnKinesis({ port, dataDir, log, yieldCpu: yielding = false, reservedPorts = [] }: KinesisOptions): Promise<SpawnedEmulator> {
  const require = createRequire(import.meta.url);
  const main = require.resolve("kinesis-local/main.js");
  // kinesis-local always serves TLS as well: that port goes unused, but must be free, and neither
  // its plain port nor one that another emulator, picked free a moment ago, has yet to bind.
  const taken = new Set([port, ...reservedPorts]);
  const tlsPort = (await freePorts(taken.size + 1)).find((candidate) => !taken.has(candidate))!;
  // Always Node, whatever runs this file: kinesis-local is a Node program. --optimize-for-size:
  // each save builds its whole state as JSON, and V8's default heap growth let that garbage
  // pile up between collections (measured with 4,700 records: 450–610 MiB resident, against
  // 170–185 MiB with the flag and a 10 s interval). Given in memory too, so both modes use one
  // code cache (./code-cache.ts: its 9 MB of JavaScript is not compiled again on every start;
  // V8 rejects a cache made under other flags). --interrupt-budget at 8× V8's
  // default: a function runs that much longer before V8 considers optimizing it, so start-up
  // code that runs a few times is no longer sent to the optimizing compiler, while the request
  // path, which runs all the time, still is (measured alone, three starts each: CPU to first
  // answer 1.01 → 0.77 s; 150 PutRecords and 20 GetRecords took 5.2 s against 7.7 s, so no slower).
  const child = spawn("node", ["--optimize-for-size", "--interrupt-budget=540672", ...withCodeCache(main, LISTEN_ON_LOOPBACK)], {
    env: {
      ...process.env,
      KINESIS_MOCK_PLAIN_PORT: String(port),
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      KINESIS_MOCK_CERT_PATH: join(dirname(main), "server.json"),
      LOG_LEVEL: "WARN",
      // Streams become ACTIVE at once instead of after the default 500 ms.
      CREATE_STREAM_DURATION: "0ms",
      DELETE_STREAM_DURATION: "0ms",
      // kinesis-mock writes its whole state to one file every interval and when it stops (and
      // loads it at start). A save takes CPU in proportion to the records held (about 4 s for
      // 5 MB of them on this machine), so once a second it was saving all the time; a hard kill
      // loses the records of the last interval.
      ...(dataDir ? { SHOULD_PERSIST_DATA: "true", PERSIST_PATH: dataDir, PERSIST_FILE_NAME: "kinesis.json", PERSIST_INTERVAL: "10s" } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (yielding) yieldCpu(child);
  const endpoint = `http://127.0.0.1:${port}`;
  const emulator = own("kinesis-local", child, endpoint, log);
  return { emulator, answering: () => answering(emulator, child) };
}

async function answering(emulator: Emulator, child: ChildProcess): Promise<Emulator> {
  // Loaded while kinesis-local starts, not before it.
  const [{ KinesisClient, ListStreamsCommand }, { NodeHttpHandler }] = await Promise.all([import("@aws-sdk/client-kinesis"), import("@smithy/node-http-handler")]);
  const client = new KinesisClient({
    endpoint: emulator.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    // One bounded attempt per probe (waitUntil retries): whatever holds a busy port may accept and never answer.
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ requestTimeout: 2_000, throwOnRequestTimeout: true }),
  });
  try {
    return await whenReady(emulator, child, async () => {
      await client.send(new ListStreamsCommand({}));
      return true;
    });
  } finally {
    client.destroy();
  }
}
