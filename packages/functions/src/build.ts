/**
 * How every function is bundled, as plain data: `infra/api.ts` passes it to SST's Node build
 * (`nodejs.esbuild`), the offline runtime and `bench/` bundle with the same options, so what
 * runs locally and what the benchmark measures is what deploys.
 *
 * `mainFields: ["module", "main"]` makes esbuild pick the AWS SDK's ESM builds, which measured
 * smaller and faster to initialise than the CommonJS ones (see DESIGN.md and `bun run bench`).
 */
export const nodeBuild = {
  format: "esm",
  platform: "node",
  target: "node22",
  minify: true,
  mainFields: ["module", "main"],
  // Some dependencies still call `require`; ESM bundles need it defined.
  banner: `import { createRequire as __emporiumCreateRequire } from "node:module"; const require = __emporiumCreateRequire(import.meta.url);`,
} as const;
