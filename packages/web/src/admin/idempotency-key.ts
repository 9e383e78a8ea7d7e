import { useRef } from "react";

/**
 * One Idempotency-Key per request body: a double click or a retry of the same body reuses the
 * key, so the API acts once; a different body (a corrected form, another filter) gets a new one.
 */
export function useIdempotencyKey<Body>(): (body: Body) => string {
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  return (body) => {
    const signature = JSON.stringify(body);
    if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() };
    return attempt.current.key;
  };
}
