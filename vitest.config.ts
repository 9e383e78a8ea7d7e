import { defineConfig } from "vitest/config";
import { OFFLINE_TAG, offlineTagDescription } from "./tests/support/modes.ts";

/**
 * One offline stack per run (globalSetup), shared by every test file; tests isolate by their
 * own data. Files run one at a time because some assert on the whole table's item count.
 */
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/environment.ts"],
    fileParallelism: false,
    // Offline, every test runs; tests/stage/vitest.config.ts skips these against a remote target.
    tags: [{ name: OFFLINE_TAG, description: offlineTagDescription }],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Handlers invoked directly by tests log warnings and errors only; the stack logs everything to a file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_EC2_METADATA_DISABLED: "true", POWERTOOLS_LOG_LEVEL: "WARN" },
  },
});
