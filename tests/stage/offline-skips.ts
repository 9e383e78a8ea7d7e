import type { Reporter, TestModule } from "vitest/node";
import { OFFLINE_TAG } from "../support/modes.ts";

/** Prints how many tests a remote run skipped because they need offline hooks, and which. */
export class OfflineSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests("skipped")].filter((test) => test.tags.includes(OFFLINE_TAG)).map((test) => `${module.moduleId.split("/tests/")[1] ?? module.moduleId} > ${test.fullName}`),
    );
    if (process.env.EMPORIUM_LIST_OFFLINE_SKIPS) for (const name of skipped) console.log(`  skipped (offline hooks): ${name}`);
    console.log(`\n${skipped.length} tests skipped: need offline hooks\n`);
  }
}
