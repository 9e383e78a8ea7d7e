import { defineConfig } from "vitest/config";

/**
 * The in-process tests only (core and function units, which import the code they test), for
 * mutation testing (stryker.config.mjs): Stryker switches mutants inside this process, so tests
 * that reach code over HTTP in the offline stack's Lambda processes cannot kill one. Their
 * backing services are the emulators alone, without the stack's functions (tests/setup/in-process.ts).
 * `bun run test` runs these same files under vitest.config.ts, against the full stack.
 */
export default defineConfig({
  test: {
    include: ["packages/core/test/**/*.test.ts", "packages/functions/test/**/*.test.ts"],
    globalSetup: ["tests/setup/in-process.ts"],
    setupFiles: ["tests/setup/environment.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_EC2_METADATA_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "WARN" },
  },
});
