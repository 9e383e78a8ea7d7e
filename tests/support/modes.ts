/**
 * Names the two test modes share (see tests/support/target.ts). No imports: the vitest
 * configurations and the remote runner load this before any test does.
 */

/** The vitest tag of tests that need an offline hook: the offline run runs them, the remote run skips and counts them. */
export const OFFLINE_TAG = "offline-hooks";
export const offlineTagDescription = "needs an offline hook: the mailbox, the table, logs, the Lambda API, the payment simulation or fault injection";

/** The environment variable tests/stage/run.ts hands the remote target in (JSON of `Target` without `mode`). */
export const TARGET_VARIABLE = "EMPORIUM_TARGET";
