import { useState } from "react";

/**
 * A destructive action behind a second, explicit step: the first press asks in words what will
 * happen, and only "Yes, …" does it. Inline rather than window.confirm, so it is styled, read
 * by screen readers in place, and keyboard-friendly.
 */
export function ConfirmButton({
  label,
  name,
  question,
  confirmLabel,
  busy,
  onConfirm,
}: {
  label: string;
  /** The accessible name when the visible label needs its row to make sense ("Delete" → "Delete Lamp"). */
  name?: string;
  question: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-danger button-small" aria-label={name} disabled={busy} onClick={() => setAsking(true)}>
        {busy ? "Working…" : label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="button button-danger button-small"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-secondary button-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
