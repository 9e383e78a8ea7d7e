import { resolve } from "node:path";
import { defineConfig } from "vitest/config";
import { OFFLINE_TAG, offlineTagDescription, TARGET_VARIABLE } from "../support/modes.ts";
import { OfflineSkipsReporter } from "./offline-skips.ts";

/**
 * The HTTP and browser end-to-end tests against a remote target (a deployed stage), known only by
 * its URLs and pool ids: no stack is started and no offline environment is set. Started by
 * tests/stage/run.ts, which finds the target and creates its test users.
 */
if (!process.env[TARGET_VARIABLE]) throw new Error(`${TARGET_VARIABLE} is not set: run the remote suite with \`bun run test:stage --stage <stage>\``);

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, "../.."),
    include: ["tests/e2e/**/*.test.ts", "tests/browser/**/*.test.ts"],
    // One file at a time, as offline: several sign the same test users in and change their profiles.
    fileParallelism: false,
    tags: [{ name: OFFLINE_TAG, description: offlineTagDescription, skip: true }],
    reporters: ["default", new OfflineSkipsReporter()],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", AWS_EC2_METADATA_DISABLED: "true" },
  },
});
