import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, type BuildAppOptions, type MessageSpyParams } from "fauxqs";
import type { Emulator } from "./process";
import { S3Cors } from "./s3-cors";

type Stores = NonNullable<BuildAppOptions["stores"]>;
/** fauxqs's spy: a reader (`waitForMessage`, `getAllMessages`…) that also takes `addMessage`. */
export type MessageSpy = NonNullable<Stores["sqsStore"]["spy"]>;

export interface FauxqsOptions {
  log: (line: string) => void;
}

export interface FauxqsEmulator extends Emulator {
  /** `server.spy` records every SQS, SNS and S3 event (S3: `uploaded`, `copied`, `deleted`…) as it happens. */
  server: { spy: MessageSpy };
  /** The buckets' CORS rules (S3Cors): set after provisioning, as infra sets them on AWS. */
  cors: S3Cors;
  /**
   * After `stop()`: serves again on the same port, with the queues, topics, buckets and messages
   * it held (they live in this process), as SQS and SNS come back after an outage (fault tests).
   */
  resume(): Promise<void>;
}

/**
 * fauxqs 1.9.2: SQS, SNS and S3 on one endpoint, in this process, in memory.
 *
 * Built from its parts rather than with `startFauxqs`, which (1) listens on 0.0.0.0, offering
 * an unauthenticated SQS, SNS and S3 to the network, and (2) names queues
 * `http://sqs.<region>.localhost:<port>/…`, a host that does not resolve everywhere; the SQS
 * SDK sends each request to its QueueUrl's host whenever the client has no explicit `endpoint`
 * (handlers configured through `AWS_ENDPOINT_URL_SQS`), so those requests would fail. With
 * the store's `host` empty, a queue URL takes the host of the request that created it, i.e.
 * `http://127.0.0.1:<port>/000000000000/<name>` when provisioned through `endpoint`.
 */
export async function startFauxqsEmulator({ log }: FauxqsOptions): Promise<FauxqsEmulator> {
  const { SqsStore, SnsStore, S3Store, MessageSpy } = await fauxqsInternals();
  const spy = new MessageSpy();
  const stores: Stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
  stores.sqsStore.host = "";
  for (const store of Object.values(stores)) store.spy = spy;
  const cors = new S3Cors();
  const serve = async (port: number) => {
    const app = buildApp({ logger: false, stores });
    cors.install(app);
    await app.listen({ port, host: "127.0.0.1" });
    return app;
  };
  let app = await serve(0);
  const { port } = app.server.address() as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  log(`SQS, SNS and S3 on ${endpoint}`);
  let stopped: Promise<void> | undefined;
  return {
    name: "fauxqs",
    endpoint,
    server: { spy },
    cors,
    // Open connections (a long poll in progress) are dropped, not waited for, as when a service goes away.
    stop: () =>
      (stopped ??= (async () => {
        const closing = app.close();
        app.server.closeAllConnections();
        await closing;
      })()),
    async resume() {
      if (!stopped) return;
      await stopped;
      app = await serve(port);
      stopped = undefined;
      log(`SQS, SNS and S3 on ${endpoint} again`);
    },
  };
}

interface FauxqsInternals {
  SqsStore: new () => Stores["sqsStore"];
  SnsStore: new () => Stores["snsStore"];
  S3Store: new () => Stores["s3Store"];
  MessageSpy: new (params?: MessageSpyParams) => MessageSpy;
}

/**
 * The store and spy classes `startFauxqs` builds on. fauxqs's package exports only its entry
 * point, so they are imported by file from its `dist` folder (a pinned version keeps the layout).
 */
async function fauxqsInternals(): Promise<FauxqsInternals> {
  const dist = fauxqsDist();
  const load = (file: string) => import(pathToFileURL(join(dist, file)).href);
  const [sqs, sns, s3, spy] = await Promise.all([load("sqs/sqsStore.js"), load("sns/snsStore.js"), load("s3/s3Store.js"), load("spy.js")]);
  return { SqsStore: sqs.SqsStore, SnsStore: sns.SnsStore, S3Store: s3.S3Store, MessageSpy: spy.MessageSpy };
}

function fauxqsDist(): string {
  for (const modules of createRequire(import.meta.url).resolve.paths("fauxqs") ?? []) {
    const entry = join(modules, "fauxqs", "dist", "app.js");
    if (existsSync(entry)) return dirname(entry);
  }
  throw new Error("fauxqs is not installed (it is a dependency of @emporium/local)");
}
