/** Thrown out of a poller's waits once its mappings are stopping; pollers end quietly on it. */
export class Stopped extends Error {
  constructor() {
    super("event sources stopped");
  }
}

/**
 * Lets pollers stop promptly: SDK calls take `signal` (a long poll ends at once), sleeps end
 * early, and an invocation in flight is abandoned rather than awaited, since its result could
 * only be acted on against emulators that are going away.
 */
export class Lifecycle {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  stop(): void {
    this.controller.abort(new Stopped());
  }

  /** Waits `ms`, or less if stopping; rejects with `Stopped` when stopping. */
  sleep(ms: number): Promise<void> {
    return this.race(new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref()));
  }

  /** `promise`, unless stopping comes first (then `Stopped`). */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new Stopped());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new Stopped());
      this.signal.addEventListener("abort", onAbort, { once: true });
      promise.then(
        (value) => (this.signal.removeEventListener("abort", onAbort), resolve(value)),
        (error: unknown) => (this.signal.removeEventListener("abort", onAbort), reject(error)),
      );
    });
  }
}
