import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { SessionKeeper, type SessionState } from "./keeper";

export type { SessionState } from "./keeper";

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

/** Who is signed in, for the pages; ./keeper holds the tokens and renews them. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: "restoring" });
  const [keeper] = useState(() => new SessionKeeper(setSession));
  const queryClient = useQueryClient();

  useEffect(() => {
    keeper.restore();
    return () => keeper.stop();
  }, [keeper]);

  useEffect(() => {
    const renewIfDue = () => document.visibilityState === "visible" && keeper.renewIfDue();
    document.addEventListener("visibilitychange", renewIfDue);
    return () => document.removeEventListener("visibilitychange", renewIfDue);
  }, [keeper]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      await keeper.logIn(email, password);
      await queryClient.invalidateQueries();
    },
    [keeper, queryClient],
  );

  const logOut = useCallback(async () => {
    try {
      await keeper.logOut();
    } finally {
      // Nothing of the last person's data stays in the cache.
      queryClient.clear();
    }
  }, [keeper, queryClient]);

  const value = useMemo(() => ({ session, logIn, logOut }), [session, logIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
