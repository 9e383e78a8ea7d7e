/**
 * How every function is bundled, as plain data, so what runs offline and what `bench/`
 * measures is what deploys.
 *
 * `nodeBuild` is what `infra/api.ts` passes to SST (`nodejs`). `sstNodeBuild` is what SST 4.17's
 * Node build (pkg/runtime/node/build.go in the CLI) adds by itself for `nodejs22.x`; SST applies
 * it on deploy, and `bundleOptions` combines both for the offline runtime and the benchmark.
 *
 * `mainFields: ["module", "main"]` picks the AWS SDK's ESM builds: measured in `bun run bench`,
 * the CJS builds make the same handler ~1.6× larger and ~1.5× slower to initialise.
 * `minify` is explicit because SST's Go side defaults it to false.
 */
export const nodeBuild = {
  format: "esm",
  minify: true,
  mainFields: ["module", "main"],
} as const;

export const sstNodeBuild = {
  platform: "node",
  target: "es2023",
  keepNames: true,
  external: ["sharp", "pg-native"],
  banner: [
    `import { createRequire as topLevelCreateRequire } from 'module';`,
    `const require = topLevelCreateRequire(import.meta.url);`,
    `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
    `const __filename = topLevelFileUrlToPath(import.meta.url)`,
    `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  ].join("\n"),
} as const;

/** esbuild options equivalent to SST's deploy build of one function (entry and output aside). */
export const bundleOptions = {
  bundle: true,
  format: nodeBuild.format,
  minify: nodeBuild.minify,
  mainFields: [...nodeBuild.mainFields],
  platform: sstNodeBuild.platform,
  target: sstNodeBuild.target,
  keepNames: sstNodeBuild.keepNames,
  external: [...sstNodeBuild.external],
  banner: { js: sstNodeBuild.banner },
};
