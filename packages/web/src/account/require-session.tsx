import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useSession } from "../session/session";
import { Loading } from "../ui/states";

/** Pages for signed-in people: a log-in prompt (returning here after) for everyone else. */
export function RequireSession({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { session } = useSession();
  const [location] = useLocation();
  if (session.status === "restoring") return <Loading label="Checking your session…" />;
  if (session.status === "anonymous") {
    return (
      <div className="state">
        <p className="state-title">Please log in to see this page.</p>
        <Link className="button" href={`/login?next=${encodeURIComponent(location)}`}>
          Log in
        </Link>
      </div>
    );
  }
  if (admin && !session.isAdmin) {
    return (
      <div className="state">
        <p className="state-title">This page is for administrators.</p>
        <Link href="/">Back to the shop</Link>
      </div>
    );
  }
  return <>{children}</>;
}
