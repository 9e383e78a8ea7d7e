/**
 * The access token lives here, in a module variable, and nowhere else: never in localStorage,
 * sessionStorage or a readable cookie, so a script injected into the page cannot carry it off
 * beyond this tab's life. The refresh token is an HttpOnly cookie that only the API can read.
 */
let current: string | null = null;

export const accessToken = (): string | null => current;

export function setAccessToken(token: string | null): void {
  current = token;
}

export interface Claims {
  sub: string;
  username?: string;
  exp: number;
  "cognito:groups"?: string[];
}

/**
 * The token's claims, read without verifying the signature: the page only uses them to decide
 * what to show (the Admin link); the API verifies every token it is sent.
 */
export function claimsOf(token: string): Claims {
  const payload = token.split(".")[1] ?? "";
  const base64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
}
