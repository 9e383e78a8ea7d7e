import { ApiError } from "../api/problem";
import type { Session as Tokens } from "../api/types";
import { logInWithCookie, logOutCookie, refreshFromCookie } from "./auth-calls";
import { forgetSignedIn, rememberSignedIn, wasSignedIn } from "./hint";
import { claimsOf, setAccessToken } from "./token";

export type SessionState =
  | { status: "restoring" }
  | { status: "anonymous" }
  | { status: "signed-in"; userId: string; username: string; groups: string[]; isAdmin: boolean };

// Renew this long before the access token expires, so a request never carries a stale one.
const RENEW_MARGIN_SECONDS = 60;
const RETRY_AFTER_MS = 10_000;

/** New tokens from the refresh cookie; null when the API refuses them (none, revoked, expired). */
function renewal(): Promise<Tokens | null> {
  return refreshFromCookie().catch((error: unknown) => {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    forgetSignedIn();
    return null;
  });
}

// One restore per page load, even when React runs the effect twice (StrictMode in development).
let restoring: Promise<Tokens | null> | null = null;
const restoreOnce = () => (restoring ??= wasSignedIn() ? renewal() : Promise.resolve(null));

function signedIn(tokens: Tokens): SessionState {
  const claims = claimsOf(tokens.accessToken);
  const groups = claims["cognito:groups"] ?? [];
  return { status: "signed-in", userId: claims.sub, username: claims.username ?? claims.sub, groups, isAdmin: groups.includes("admin") };
}

/**
 * Keeps the page's session: the access token in memory (./token), renewed from the HttpOnly
 * refresh cookie on page load (so a reload keeps the session) and a minute before it expires.
 *
 * Every log-in and log-out starts a new generation, and a renewal adopts its answer only if no
 * generation began while it was on the way: a page-load restore that is refused after the
 * person has logged in must not sign them out, nor may a renewal answered after a log-out sign
 * them back in.
 */
export class SessionKeeper {
  #generation = 0;
  #timer: number | undefined;
  #expiresAt = 0;

  constructor(private readonly show: (state: SessionState) => void) {}

  /** On page load. A failure other than a refusal leaves the person signed out for now, still remembered. */
  restore(): void {
    this.#renew(restoreOnce(), () => this.#adopt(null));
  }

  async logIn(email: string, password: string): Promise<void> {
    const generation = ++this.#generation;
    const tokens = await logInWithCookie(email, password);
    if (generation === this.#generation) this.#adopt(tokens);
  }

  async logOut(): Promise<void> {
    this.#generation++;
    try {
      await logOutCookie();
    } finally {
      forgetSignedIn();
      this.#adopt(null);
    }
  }

  /** Timers stall while a laptop sleeps or a tab is in the background: renew on return if due. */
  renewIfDue(): void {
    const due = this.#expiresAt > 0 && this.#expiresAt - Date.now() < RENEW_MARGIN_SECONDS * 1000;
    if (due) this.#renew(renewal(), () => {});
  }

  stop(): void {
    window.clearTimeout(this.#timer);
  }

  #adopt(tokens: Tokens | null): void {
    window.clearTimeout(this.#timer);
    setAccessToken(tokens?.accessToken ?? null);
    this.show(tokens ? signedIn(tokens) : { status: "anonymous" });
    this.#expiresAt = tokens ? Date.now() + tokens.expiresIn * 1000 : 0;
    if (!tokens) return;
    rememberSignedIn();
    const delay = Math.max(5, tokens.expiresIn - RENEW_MARGIN_SECONDS) * 1000;
    // Only a refusal signs the person out; a network blip gets one more try shortly.
    const retry = () => (this.#timer = window.setTimeout(() => this.#renew(renewal(), () => {}), RETRY_AFTER_MS));
    this.#timer = window.setTimeout(() => this.#renew(renewal(), retry), delay);
  }

  #renew(request: Promise<Tokens | null>, onFailure: () => void): void {
    const generation = this.#generation;
    request.then(
      (tokens) => generation === this.#generation && this.#adopt(tokens),
      () => generation === this.#generation && onFailure(),
    );
  }
}
