import * as v from "valibot";
import { ValidationError, type FieldIssue } from "../errors";

/**
 * The one validation path: every untrusted value goes through a valibot schema here and comes
 * out typed, or a ValidationError listing each field that failed.
 */
export function parse<const S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return result.output;
  throw new ValidationError(result.issues.map(toFieldIssue));
}

function toFieldIssue(issue: v.BaseIssue<unknown>): FieldIssue {
  const path = (issue.path ?? []).map((item) => String(item.key)).join(".");
  return { path, message: issue.message };
}

/** An instant as the API writes it: an ISO 8601 timestamp. */
export const timestampSchema = v.pipe(v.string(), v.isoTimestamp());

/** Sortable ids (ULID): 26 Crockford base32 characters. */
export const idSchema = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a valid id"));

/**
 * The message of a path parameter that cannot be an id: it names nothing, so the route wrapper
 * answers it like an unknown id, a 404 with this as its detail.
 */
export const notFoundMessage = (what: string) => (issue: v.BaseIssue<unknown>) => `No ${what} has the id ${JSON.stringify(issue.input ?? "")}.`;

/** A ULID in a path, the schema of every `{parameter}` a route's contract does not name otherwise. */
export const idParamSchema = v.pipe(v.string(notFoundMessage("resource")), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, notFoundMessage("resource")));
