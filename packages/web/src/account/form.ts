import type { FormEvent } from "react";

/** A submitted form's text fields by name. */
export function formValues(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault();
  const values: Record<string, string> = {};
  new FormData(event.currentTarget).forEach((value, name) => {
    if (typeof value === "string") values[name] = value;
  });
  return values;
}
