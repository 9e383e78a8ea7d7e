import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PRELOAD = fileURLToPath(new URL("./cognito-local-targets.cjs", import.meta.url));

/*
 * cognito-local loads a few hundred modules, and all of aws-sdk v2 for the one Lambda client
 * that calls the pool's triggers: most of its start was Node finding and reading them. As one
 * CommonJS file that loads only that client (and KMS, for custom senders, only if asked), it
 * takes 0.39–0.42 CPU-seconds to its first answer instead of 0.71–0.76 (measured alone, five
 * starts each, side by side), on the two cores DynamoDB Local's start needs. A code cache
 * made at compile time made no difference (V8 compiles this code lazily, so little is in it);
 * one made after warm-up does (./code-cache.ts).
 */
const LAZY_AWS_SDK = `module.exports = {
  get Lambda() { return require("aws-sdk/clients/lambda"); },
  get KMS() { return require("aws-sdk/clients/kms"); },
};`;

/**
 * cognito-local with its preload (./cognito-local-targets.cjs) as one file for `node` to run,
 * built with esbuild the first time this version of both (and of esbuild) runs, and kept in
 * `node_modules/.cache`.
 */
export async function cognitoProgram(): Promise<string> {
  const cognitoDir = dirname(require.resolve("cognito-local/package.json"));
  const key = createHash("sha256")
    .update(readFileSync(join(cognitoDir, "package.json")))
    .update(readFileSync(PRELOAD))
    .update(readFileSync(require.resolve("esbuild/package.json")))
    .update(LAZY_AWS_SDK)
    .digest("hex")
    .slice(0, 16);
  const bundle = join(cognitoDir, "..", ".cache", "cognito-local", `${key}.cjs`);
  if (!existsSync(bundle)) await build(cognitoDir, bundle);
  return bundle;
}

async function build(cognitoDir: string, bundle: string): Promise<void> {
  const esbuild = await import("esbuild");
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside and renamed: two stacks starting at once never run a half-written file.
  const partial = `${bundle}.${process.pid}.partial`;
  await esbuild.build({
    stdin: { contents: `require(${JSON.stringify(PRELOAD)});\nrequire("cognito-local/lib/bin/start.js");\n`, resolveDir: cognitoDir, loader: "js" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    outfile: partial,
    logLevel: "warning",
    plugins: [
      {
        name: "lazy-aws-sdk",
        setup(build) {
          build.onResolve({ filter: /^aws-sdk$/ }, () => ({ path: "aws-sdk", namespace: "lazy-aws-sdk" }));
          build.onLoad({ filter: /.*/, namespace: "lazy-aws-sdk" }, () => ({ contents: LAZY_AWS_SDK, resolveDir: cognitoDir, loader: "js" }));
        },
      },
    ],
  });
  renameSync(partial, bundle);
}
