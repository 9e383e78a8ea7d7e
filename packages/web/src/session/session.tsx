import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api/problem";
import type { Session as Tokens } from "../api/types";
import { logInWithCookie, logOutCookie, refreshFromCookie } from "./auth-calls";
import { claimsOf, setAccessToken } from "./token";

export type SessionState =
  | { status: "restoring" }
  | { status: "anonymous" }
  | { status: "signed-in"; userId: string; username: string; groups: string[]; isAdmin: boolean };

interface SessionApi {
  session: SessionState;
  logIn(email: string, password: string): Promise<void>;
  logOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside <SessionProvider>");
  return value;
}

// Renew this long before the access token expires, so a request never carries a stale one.
const RENEW_MARGIN_SECONDS = 60;

// One restore per page load, even when React runs the effect twice (StrictMode in development).
let restoring: Promise<Tokens | null> | null = null;
function restoreOnce(): Promise<Tokens | null> {
  restoring ??= refreshFromCookie().catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  });
  return restoring;
}

function signedIn(tokens: Tokens): SessionState {
  const claims = claimsOf(tokens.accessToken);
  const groups = claims["cognito:groups"] ?? [];
  return { status: "signed-in", userId: claims.sub, username: claims.username ?? claims.sub, groups, isAdmin: groups.includes("admin") };
}

/**
 * Who is signed in. The access token is held in memory (./token) and renewed from the HttpOnly
 * refresh cookie: on page load (so a reload keeps the session) and a minute before it expires.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: "restoring" });
  const timer = useRef<number | undefined>(undefined);
  const expiresAt = useRef(0);
  const queryClient = useQueryClient();

  const adopt = useCallback((tokens: Tokens | null) => {
    window.clearTimeout(timer.current);
    setAccessToken(tokens?.accessToken ?? null);
    setSession(tokens ? signedIn(tokens) : { status: "anonymous" });
    expiresAt.current = tokens ? Date.now() + tokens.expiresIn * 1000 : 0;
    if (!tokens) return;
    const delay = Math.max(5, tokens.expiresIn - RENEW_MARGIN_SECONDS) * 1000;
    timer.current = window.setTimeout(() => {
      refreshFromCookie().then(adopt, (error: unknown) => {
        // Revoked or expired: the person is signed out; anything else, try again shortly.
        if (error instanceof ApiError && error.status === 401) adopt(null);
        else timer.current = window.setTimeout(() => restoreAgain(adopt), 10_000);
      });
    }, delay);
  }, []);

  useEffect(() => {
    restoreOnce().then(adopt, () => adopt(null));
    return () => window.clearTimeout(timer.current);
  }, [adopt]);

  // Timers stall while a laptop sleeps or a tab is in the background: renew on return if due.
  useEffect(() => {
    const renewIfDue = () => {
      const due = expiresAt.current > 0 && expiresAt.current - Date.now() < RENEW_MARGIN_SECONDS * 1000;
      if (document.visibilityState === "visible" && due) restoreAgain(adopt);
    };
    document.addEventListener("visibilitychange", renewIfDue);
    return () => document.removeEventListener("visibilitychange", renewIfDue);
  }, [adopt]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      adopt(await logInWithCookie(email, password));
      await queryClient.invalidateQueries();
    },
    [adopt, queryClient],
  );

  const logOut = useCallback(async () => {
    try {
      await logOutCookie();
    } finally {
      adopt(null);
      // Nothing of the last person's data stays in the cache.
      queryClient.clear();
    }
  }, [adopt, queryClient]);

  const value = useMemo(() => ({ session, logIn, logOut }), [session, logIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** One more renewal; only a refusal (401) signs the person out, a network blip does not. */
function restoreAgain(adopt: (tokens: Tokens | null) => void) {
  refreshFromCookie().then(adopt, (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) adopt(null);
  });
}
