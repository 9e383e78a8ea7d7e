import { useId, type InputHTMLAttributes } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  /** Field errors by path, as fieldErrors() returns them; the one under `name` shows here. */
  errors?: Record<string, string>;
  hint?: string;
}

/** A labelled input whose API validation message sits beside it and is tied to it for assistive tech. */
export function Field({ label, name, errors, hint, ...input }: FieldProps) {
  const id = useId();
  const error = errors?.[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {label}: {error}
        </p>
      ) : null}
    </div>
  );
}
