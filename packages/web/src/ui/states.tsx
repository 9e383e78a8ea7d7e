import type { ReactNode } from "react";
import { ProblemAlert } from "./problem";

/** Shown while something loads: a polite live region, so the page is never blank. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Shown when there is nothing to list, with what to do next. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** Renders a query's three states: loading, failed (the problem's message and a retry), ready. */
export function QueryState<Data>({
  query,
  children,
  loading,
}: {
  query: { data: Data | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: Data) => ReactNode;
  loading?: string;
}) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.error) {
    return (
      <div className="state">
        <ProblemAlert error={query.error} />
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <Loading label={loading} />;
}
