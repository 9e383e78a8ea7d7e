/**
 * Runs the real infra program (sst.config.ts → infra/*) offline under Pulumi mocks and returns
 * every resource it registers. No AWS call is made: the program is bundled the way the SST 4.17
 * CLI bundles it and run in a child `node` process per stage (Pulumi's runtime is global state),
 * with a loopback stand-in for the CLI's JSON-RPC server.
 *
 * How the SST CLI runs a program (read from SST 4.17 and reproduced here):
 * - esbuild bundles `sst.config.ts` (ESM, node platform, `nodePaths` = `.sst/platform/node_modules`),
 *   injects `.sst/platform/src/shim/run.js` (`$config`, `$interpolate`, `$util`…), defines `$app`,
 *   `$cli` and `$dev` as JSON, prepends `import * as aws from "@pulumi/aws"` and
 *   `import * as sst from ".sst/platform/src/components"` to the user's infra files, and keeps
 *   `@pulumi/*` and `@aws-sdk/*` external (plus `esbuild`, which a component loads at runtime);
 * - `run()` from `.sst/platform/src/auto/run.ts` runs the config's `run` inside
 *   `pulumi.runtime.runInPulumiStack`;
 * - components call back into the CLI at `SST_SERVER`: `Runtime.Build` (bundle a function; it
 *   receives the function's links, which SST 4 encrypts into the bundle's `resource.enc`) and
 *   `Provider.Aws.Bootstrap` (the asset bucket).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { build, transform } from "esbuild";

export const root = resolve(import.meta.dirname, "../..");
const platform = join(root, ".sst/platform");

export interface MockedResource {
  type: string;
  name: string;
  inputs: Record<string, any>;
  /** What the mock answered as the resource's state (ids, ARNs, names). */
  state: Record<string, any>;
}

/** One `Runtime.Build` request: the function being bundled and the links SST encrypts into it. */
export interface BuildRequest {
  functionID: string;
  handler: string;
  runtime: string;
  links: Record<string, Record<string, unknown>>;
}

export interface StageGraph {
  /** `$app` as the CLI derives it from `app()` in sst.config.ts. */
  app: { name: string; stage: string; removal: string; protect: boolean; home: string; providers: unknown };
  resources: MockedResource[];
  builds: BuildRequest[];
  /** `sst dev` only: the functions registered with the local runtime instead of being built. */
  targets: { functionID: string }[];
  calls: { token: string }[];
  /** Resources registered with the `ignoreChanges` option, and the properties it names. */
  ignoreChanges: { type: string; name: string; ignoreChanges: string[] }[];
  outputs: Record<string, unknown>;
  error?: string;
}

/** The program each child runs: RPC stand-in, mocks, then SST's own `run()`. */
const entry = `
import * as pulumi from "@pulumi/pulumi";
import http from "node:http";
import fs from "node:fs";
import { run } from ${JSON.stringify(join(platform, "src/auto/run.ts"))};
import config from ${JSON.stringify(join(root, "sst.config.ts"))};

const resources = [], calls = [], builds = [], targets = [], ignoreChanges = [];
let inflight = 0;
const server = http.createServer((req, res) => {
  inflight++;
  res.on("finish", () => inflight--);
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { method, params } = JSON.parse(body);
    const arg = params?.[0] ?? {};
    let result;
    if (method === "Runtime.Build") {
      builds.push({ functionID: arg.functionID, handler: arg.handler, runtime: arg.runtime, links: arg.links ?? {} });
      result = { handler: "index.handler", out: process.env.GRAPH_BUNDLE, errors: [], sourcemaps: [] };
    } else if (method === "Runtime.AddTarget") {
      // \`sst dev\` registers each function with its local runtime instead of building it.
      targets.push(arg);
      result = {};
    } else if (method === "Provider.Aws.Appsync") {
      // \`sst dev\`: the AppSync Events API that live-Lambda stubs relay invocations through.
      result = { http: "graph-test.appsync-api.eu-west-1.amazonaws.com", realtime: "graph-test.appsync-realtime-api.eu-west-1.amazonaws.com" };
    } else if (method === "Provider.Aws.Bootstrap") {
      result = { asset: "sst-asset-bucket", assetEcrRegistryId: "123456789012", assetEcrUrl: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/sst-asset", state: "sst-state-bucket", appsyncHttp: "", appsyncRealtime: "" };
    }
    res.writeHead(200, { "content-type": "application/json" });
    // Unknown methods answer like the CLI's net/rpc does; rpc.ts treats this as "not found".
    res.end(JSON.stringify(result === undefined ? { error: "rpc: can't find method " + method } : { result, error: null }));
  });
});
// SST's client keeps connections alive; a server closing an idle one (5 s by default) races a
// request sent on it, which fails with ECONNRESET when this busy machine pauses long enough.
server.keepAliveTimeout = 10 * 60_000;
await new Promise((r) => server.listen(0, "127.0.0.1", r));
process.env.SST_SERVER = "http://127.0.0.1:" + server.address().port;

const region = "eu-west-1", account = "123456789012";
await pulumi.runtime.setMocks({
  newResource(args) {
    const id = args.name + "-id";
    const service = args.type.split(":")[1]?.split("/")[0] ?? "x";
    const physical = args.inputs.name ?? args.name;
    // Lambda ARNs as AWS forms them: SST tells a qualified ARN (version or alias) by its 8th part.
    const lambdaArn = (fn) => "arn:aws:lambda:" + region + ":" + account + ":function:" + fn;
    const arn =
      args.type === "aws:lambda/function:Function" ? lambdaArn(physical)
      : args.type === "aws:lambda/alias:Alias" ? lambdaArn(args.inputs.functionName) + ":" + args.inputs.name
      : "arn:aws:" + service + ":" + region + ":" + account + ":" + physical;
    const state = {
      ...args.inputs,
      id,
      name: physical,
      arn,
      url: "https://" + physical + ".example.com",
      invokeArn: "arn:aws:apigateway:" + region + ":lambda:path/" + physical,
      apiEndpoint: "https://" + id + ".execute-api." + region + ".amazonaws.com",
      streamArn: "arn:aws:dynamodb:" + region + ":" + account + ":table/" + physical + "/stream/1",
      // Lambda's published-version outputs (versioning, provisioned concurrency).
      version: "1",
      qualifiedArn: "arn:aws:lambda:" + region + ":" + account + ":function:" + physical + ":1",
      qualifiedInvokeArn: "arn:aws:apigateway:" + region + ":lambda:path/" + physical + ":1",
      responseStreamingInvokeArn: "arn:aws:apigateway:" + region + ":lambda:path/2021-11-15/functions/" + "arn:aws:lambda:" + region + ":" + account + ":function:" + physical + "/response-streaming-invocations",
      // Cognito's app clients have no secret unless generated; the provider then reports "".
      ...(args.type === "aws:cognito/userPoolClient:UserPoolClient" ? { clientSecret: args.inputs.generateSecret ? "client-secret" : "" } : {}),
    };
    resources.push({ type: args.type, name: args.name, inputs: args.inputs, state: { id, arn: state.arn, name: physical } });
    return { id, state };
  },
  call(args) {
    calls.push({ token: args.token });
    switch (args.token) {
      case "aws:index/getRegion:getRegion":
        return { id: region, name: region, region, endpoint: "ec2." + region + ".amazonaws.com", description: "Europe (Ireland)" };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { id: account, accountId: account, arn: "arn:aws:iam::" + account + ":user/test", userId: "AIDATEST" };
      case "aws:index/getPartition:getPartition":
        return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
      case "aws:iam/getPolicyDocument:getPolicyDocument": {
        const statements = args.inputs.statements ?? [];
        const Statement = statements.map((s) => ({ Effect: s.effect ?? "Allow", Action: s.actions, Resource: s.resources, Principal: s.principals, Condition: s.conditions }));
        const json = JSON.stringify({ Version: "2012-10-17", Statement });
        return { id: "policy", json, minifiedJson: json, statements };
      }
      default:
        return {};
    }
  },
}, $app.name, $app.stage, false);

let outputs, error;
try {
  outputs = await pulumi.runtime.runInPulumiStack(() => {
    // Resource options never reach the mocks; record the one the tests check (what Pulumi leaves alone).
    pulumi.runtime.registerStackTransformation(({ type, name, opts }) => {
      if (opts.ignoreChanges?.length) ignoreChanges.push({ type, name, ignoreChanges: opts.ignoreChanges });
      return undefined;
    });
    return run(config.run);
  });
  // Components keep registering resources from inside applies (e.g. once a build answers):
  // wait until the RPC queue is drained and nothing new arrives for a few ticks.
  let last = -1, quiet = 0;
  while (quiet < 3) {
    await pulumi.runtime.waitForRPCs();
    await new Promise((r) => setTimeout(r, 50));
    const now = resources.length + builds.length + targets.length + calls.length;
    if (now === last && inflight === 0) quiet++;
    else { quiet = 0; last = now; }
  }
} catch (e) {
  error = String(e?.stack ?? e);
}
server.close();
fs.writeFileSync(process.env.GRAPH_OUT, JSON.stringify({ app: $app, resources, builds, targets, calls, ignoreChanges, outputs: outputs ?? {}, error }));
process.exit(0);
`;

/** `$app` for a stage: the CLI evaluates `app({ stage })` from sst.config.ts. */
async function appFor(stage: string) {
  const { code } = await transform(readFileSync(join(root, "sst.config.ts"), "utf8"), { loader: "ts", format: "cjs" });
  const module = { exports: {} as { default?: { app(input: { stage: string }): Record<string, unknown> } } };
  // `run()` (with its dynamic imports of infra/*) is never called here; only `app()`.
  new Function("module", "exports", "require", "$config", code)(module, module.exports, () => ({}), (c: unknown) => c);
  const app = module.exports.default!.app({ stage });
  return { ...app, stage };
}

export interface ProgramMode {
  /** Run as `sst dev` does: functions are live-Lambda stubs and sites run their dev command. */
  dev: boolean;
}

/**
 * Deploy-time configuration (infra/settings.ts) as the workflows pass it: production's own, and
 * for other stages one pre-verified sender shared by all (each stage would collide on it if it
 * created the identity) and an on-call address only where given.
 */
export const deployEnv = {
  production: {
    EMPORIUM_API_DOMAIN: "api.emporium.test",
    EMPORIUM_API_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/graph-test",
    EMPORIUM_PROVISIONED_CONCURRENCY: "3",
    EMPORIUM_WEB_DOMAIN: "shop.emporium.test",
    EMPORIUM_WEB_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/graph-test-web",
    EMPORIUM_ONCALL_EMAIL: "oncall@emporium.test",
    EMPORIUM_EMAIL_SENDER: "orders@emporium.test",
    // Production refuses to deploy without a payment provider (core/fulfilment/providers.ts).
    EMPORIUM_PAYMENT_PROVIDER: "card-acquirer",
  },
  other: {
    // Production's settings too: other stages must ignore the domain and the concurrency.
    EMPORIUM_API_DOMAIN: "api.emporium.test",
    EMPORIUM_API_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/graph-test",
    EMPORIUM_PROVISIONED_CONCURRENCY: "3",
    EMPORIUM_WEB_DOMAIN: "shop.emporium.test",
    EMPORIUM_WEB_CERT_ARN: "arn:aws:acm:us-east-1:123456789012:certificate/graph-test-web",
    EMPORIUM_EMAIL_SENDER: "dev-sender@emporium.test",
  },
  /** A preview stage whose environment names an on-call address. */
  "pr-42": {
    EMPORIUM_EMAIL_SENDER: "dev-sender@emporium.test",
    EMPORIUM_ONCALL_EMAIL: "previews@emporium.test",
  },
} as const;

const envFor = (stage: string): Record<string, string> => (stage in deployEnv ? deployEnv[stage as keyof typeof deployEnv] : deployEnv.other);

async function runStage(work: string, stage: string, env: Record<string, string>, mode: ProgramMode): Promise<StageGraph> {
  const app = await appFor(stage);
  const dir = join(work, `${stage}${mode.dev ? "-dev" : ""}`);
  mkdirSync(join(dir, "bundle"), { recursive: true });
  // The "built" function every Runtime.Build answers with (SST zips this directory).
  writeFileSync(join(dir, "bundle/index.mjs"), "export const handler = async () => ({});\n");
  const infraDir = join(root, "infra") + sep;
  await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: "graph-entry.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile: join(dir, "program.mjs"),
    nodePaths: [join(platform, "node_modules")],
    external: ["@pulumi/*", "@aws-sdk/*", "esbuild"],
    inject: [join(platform, "src/shim/run.js")],
    define: {
      $app: JSON.stringify(app),
      $cli: JSON.stringify({ command: mode.dev ? "dev" : "deploy", paths: { root, platform, work: join(dir, ".sst") }, state: { version: {} } }),
      $dev: JSON.stringify(mode.dev),
    },
    banner: { js: `import { createRequire as __sstCreateRequire } from "module"; const require = __sstCreateRequire(import.meta.url);` },
    logLevel: "silent",
    plugins: [
      {
        name: "sst-globals",
        setup(b) {
          b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
            if (!args.path.startsWith(infraDir)) return undefined;
            const source = readFileSync(args.path, "utf8");
            const prelude = `import * as aws from "@pulumi/aws";\nimport * as sst from ${JSON.stringify(join(platform, "src/components"))};\n`;
            return { contents: prelude + source, loader: "ts" };
          });
        },
      },
    ],
  });
  const out = join(dir, "graph.json");
  const stderr: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, [join(dir, "program.mjs")], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        AWS_EC2_METADATA_DISABLED: "true",
        SST_TELEMETRY_DISABLED: "1",
        GRAPH_OUT: out,
        GRAPH_BUNDLE: join(dir, "bundle"),
        // `sst secret set` values; the mocks never see them in plain text outside this process.
        SST_SECRET_CursorSecret: "graph-test-cursor-secret",
        SST_SECRET_ApiKeyPepper: "graph-test-api-key-pepper",
        SST_SECRET_EdgeSecret: "graph-test-edge-secret",
        ...env,
      },
    });
    child.stderr.on("data", (chunk) => stderr.push(String(chunk)));
    child.on("error", fail);
    child.on("exit", done);
  });
  // A program that stops with an error leaves Pulumi promises pending, and Pulumi's exit hook
  // turns the exit code to 1: what it recorded says what happened.
  const graph = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as StageGraph) : undefined;
  if (!graph || (code !== 0 && !graph.error)) throw new Error(`infra program for stage ${stage} exited ${code}:\n${stderr.join("").slice(-4000)}`);
  return graph;
}

function ensureWebBuild() {
  if (existsSync(join(root, "packages/web/dist/index.html"))) return;
  const built = spawnSync("bun", ["run", "build"], { cwd: join(root, "packages/web"), encoding: "utf8" });
  if (built.status !== 0) throw new Error(`building the web app failed:\n${built.stdout}${built.stderr}`);
}

async function inWorkDir<T>(body: (work: string) => Promise<T>): Promise<T> {
  const work = mkdtempSync(join(tmpdir(), "emporium-infra-graph-"));
  try {
    // `@pulumi/*` stay external: the bundles resolve them (ESM ignores NODE_PATH) through this link.
    symlinkSync(join(platform, "node_modules"), join(work, "node_modules"), "dir");
    return await body(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the program for each stage (in parallel, one child process each) with `deployEnv`. */
export async function runInfraProgram(stages: readonly string[], mode: ProgramMode = { dev: false }): Promise<Record<string, StageGraph>> {
  // A deploy uploads the site's build output, which must therefore exist (the build command
  // itself is a resource the mocks never run).
  if (!mode.dev) ensureWebBuild();
  return inWorkDir(async (work) => {
    const graphs = await Promise.all(stages.map((stage) => runStage(work, stage, envFor(stage), mode)));
    for (const [i, graph] of graphs.entries()) {
      if (graph.error) throw new Error(`infra program for stage ${stages[i]} failed:\n${graph.error}`);
    }
    return Object.fromEntries(stages.map((stage, i) => [stage, graphs[i]!]));
  });
}

/** Runs the program for one stage with exactly `env` as its deploy-time configuration; the error it stops with, if any. */
export async function infraProgramError(stage: string, env: Record<string, string>): Promise<string | undefined> {
  ensureWebBuild();
  return inWorkDir(async (work) => (await runStage(work, stage, env, { dev: false })).error);
}
