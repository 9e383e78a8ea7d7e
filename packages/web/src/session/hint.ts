/**
 * Whether this browser was left signed in: a flag, not a secret, kept so that a page load with
 * no refresh cookie skips the refresh call that could only answer 401 (script cannot see the
 * HttpOnly cookie itself). It is set when tokens arrive and cleared on logout or a refusal; a
 * stale flag (a cookie that expired) costs one 401 and is then cleared.
 */
const KEY = "emporium.signed-in";

export function rememberSignedIn(): void {
  write(() => localStorage.setItem(KEY, "1"));
}

export function forgetSignedIn(): void {
  write(() => localStorage.removeItem(KEY));
}

/** True when the flag is set, and when storage cannot be read: then the page asks the API as before. */
export function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    return true;
  }
}

function write(change: () => void): void {
  try {
    change();
  } catch {
    // Storage disabled or full: the page still works, it only asks the API on every load.
  }
}
