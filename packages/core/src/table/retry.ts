/** What an attempt returns when its write lost a race and it should read and try again. */
export const LOST_RACE = Symbol("lost race");

/**
 * The one retry-on-conflict loop for read-then-conditionally-write changes: runs `attempt` until
 * it returns a result, at most `times` times, pausing between tries for a random time up to an
 * interval that doubles each try (at most 200 ms) so that writers racing for the same items
 * spread out instead of colliding again. Returns LOST_RACE when every try lost; the caller
 * says what that means (usually a 409 the client may retry).
 */
export async function retryLostRaces<T>(times: number, attempt: (tryNumber: number) => Promise<T | typeof LOST_RACE>): Promise<T | typeof LOST_RACE> {
  for (let tryNumber = 0; tryNumber < times; tryNumber++) {
    const result = await attempt(tryNumber);
    if (result !== LOST_RACE) return result;
    if (tryNumber + 1 < times) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** tryNumber)));
  }
  return LOST_RACE;
}
