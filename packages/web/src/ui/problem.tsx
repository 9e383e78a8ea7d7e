import { ApiError, humanMessage } from "../api/problem";

/**
 * The one way a page shows a failed call: the problem's human message in an alert (announced by
 * screen readers). Field errors are shown beside their fields by <Field>, so when the problem
 * names fields this says only that the form needs attention.
 */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.keys(error.fields).length : 0;
  return (
    <div className="alert" role="alert">
      {title ? <strong>{title} </strong> : null}
      {humanMessage(error)}
      {fields > 0 ? <span> Please check the highlighted {fields === 1 ? "field" : "fields"}.</span> : null}
    </div>
  );
}

/** The field errors of a failed call, by the path the API named (e.g. `email`, `lines.0.quantity`). */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}
