import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { offlineStack } from "./target";

/**
 * Forged and doctored tokens for the authorizer's negative tests. cognito-local signs with a
 * key it publishes in its package, so a test can mint a token that is correctly signed but
 * expired, which no sign-in can produce.
 */
const cognitoLocalKey = (): KeyObject => {
  offlineStack("Signing with cognito-local's key");
  const path = createRequire(import.meta.url).resolve("cognito-local/lib/keys/cognitoLocal.private.json");
  return createPrivateKey({ key: JSON.parse(readFileSync(path, "utf8")).jwk, format: "jwk" });
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signJwt(claims: Record<string, unknown>, key: KeyObject = cognitoLocalKey(), kid = "CognitoLocal"): string {
  const head = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64(claims)}`;
  return `${head}.${sign("RSA-SHA256", Buffer.from(head), key).toString("base64url")}`;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
}

/** The same claims signed by a key nobody trusts. */
export function resignWithStrangerKey(token: string): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return signJwt(claimsOf(token), privateKey);
}

/** A valid token whose signature bytes were altered. */
export function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const bytes = Buffer.from(signature, "base64url");
  bytes[0] = bytes[0]! ^ 0xff;
  return `${header}.${payload}.${bytes.toString("base64url")}`;
}

/** A valid token whose payload was edited after signing (e.g. to claim the admin group). */
export function tamperPayload(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split(".") as [string, string, string];
  return `${header}.${b64({ ...claimsOf(token), ...changes })}.${signature}`;
}

/** The same claims, correctly signed by the emulator's key, but expired an hour ago. */
export function expired(token: string): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt({ ...claimsOf(token), iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
}
