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

/** Sortable ids (ULID): 26 Crockford base32 characters. */
export const idSchema = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a valid id"));
