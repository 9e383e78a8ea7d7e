import { useRef } from "react";

/**
 * One Idempotency-Key per attempt: a double click or a retry of the same body (say, after a lost
 * response) reuses the key, so the API acts once; a different body (a corrected form, another
 * filter) or a new attempt after a success (`succeeded()`) gets a new key.
 */
export function useIdempotencyKey<Body>() {
  const attempt = useRef<{ signature: string; key: string } | null>(null);
  return {
    keyFor(body: Body): string {
      const signature = JSON.stringify(body);
      if (attempt.current?.signature !== signature) attempt.current = { signature, key: crypto.randomUUID() };
      return attempt.current.key;
    },
    succeeded(): void {
      attempt.current = null;
    },
  };
}
