import { waitFor } from "./wait";

/**
 * Resolves once the clock has entered a later whole second than when it was called: tokens carry
 * `iat` in whole seconds, and a session revoked in some second refuses tokens issued in it, so a
 * token that must count as newer is asked for only then (at most a second's wait, usually less).
 */
export async function nextWholeSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  await waitFor("the next whole second", async () => (Math.floor(Date.now() / 1000) > second ? true : undefined), 2_000, 10);
}

/** Resolves once the clock is past `instant` (an ISO timestamp from the API), so the next thing the API stamps is later. */
export async function clockPast(instant: string): Promise<void> {
  const at = Date.parse(instant);
  await waitFor(`the clock to pass ${instant}`, async () => (Date.now() > at ? true : undefined), 2_000, 1);
}
