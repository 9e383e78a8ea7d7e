/** Module-init time of a bundle: the time to `import()` it, in a fresh Node process. */
import { execFileSync, spawn } from "node:child_process";

/** Lets module top-level code (SST `Resource`, AWS clients) load with no network and no AWS. */
export const benchEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: "production",
  SST_RESOURCE_App: JSON.stringify({ name: "emporium", stage: "bench" }),
  SST_RESOURCE_Table: JSON.stringify({ name: "bench-table", type: "sst.aws.Dynamo" }),
  SST_RESOURCE_CursorSecret: JSON.stringify({ value: "x", type: "sst.sst.Secret" }),
  SST_RESOURCE_UserPool: JSON.stringify({ id: "us-east-1_x", type: "sst.aws.CognitoUserPool" }),
  SST_RESOURCE_UserPoolClient: JSON.stringify({ id: "c", secret: "", type: "sst.aws.CognitoUserPoolClient" }),
  TABLE_NAME: "bench-table",
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "AKIABENCHBENCHBENCH0",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_EC2_METADATA_DISABLED: "true",
  // The SDK warns (process.emitWarning, at client construction) on Node < 22; Lambda runs 22.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

export interface InitSample {
  /** Wall-clock ms around `await import()`. */
  wall: number;
  /** CPU ms (user + system, all threads of the process) over the same span: immune to waiting for a core. */
  cpu: number;
}

const runner = [
  "const c = process.cpuUsage(); const t = performance.now();",
  "await import(process.argv[1]);",
  "const wall = performance.now() - t; const d = process.cpuUsage(c);",
  'process.stdout.write("\\n@init " + wall + " " + (d.user + d.system) / 1000 + "\\n");',
].join(" ");

const nodeBin = () => process.env.BENCH_NODE ?? "node";

/** The version of the `node` the measurements run on (not necessarily the one running this script). */
export function nodeVersion(): string {
  return execFileSync(nodeBin(), ["-p", "process.version"], { env: benchEnv }).toString().trim();
}

/** Init time of importing `url` in a new `node` process. Rejects if the import throws. */
export function measureInit(url: string): Promise<InitSample> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBin(), ["--input-type=module", "-e", runner, url], { env: benchEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const match = /^@init ([\d.]+) ([\d.]+)$/m.exec(out);
      if (code === 0 && match) resolve({ wall: Number(match[1]), cpu: Number(match[2]) });
      else reject(new Error(`importing ${url} failed (exit ${code}): ${err.trim() || out.trim()}`));
    });
  });
}
