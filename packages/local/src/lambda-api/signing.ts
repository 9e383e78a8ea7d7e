import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { LOCAL_REGION } from "../local-account";

/**
 * The offline Lambda API accepts only requests signed (SigV4) with the runtime's own
 * credentials, made afresh for each run: a web page's cross-origin POST, or any other local
 * program, cannot invoke a function with an event it forged (claims, triggers, schedules).
 * Verifying re-signs the canonical request with the SDK's own signer and compares signatures in
 * constant time.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export const SERVICE = "lambda";
/** How far a request's `x-amz-date` may be from now, as AWS allows. */
const MAX_SKEW_MS = 5 * 60 * 1000;

export function newCredentials(): Credentials {
  return { accessKeyId: `LOCAL${randomBytes(8).toString("hex").toUpperCase()}`, secretAccessKey: randomBytes(30).toString("base64url") };
}

// `applyChecksum: false` when verifying: add no header the client did not sign.
const signer = (credentials: Credentials, region: string, applyChecksum = true) =>
  new SignatureV4({ credentials, region, service: SERVICE, sha256: Hash.bind(null, "sha256"), uriEscapePath: true, applyChecksum });

interface Incoming {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const authorization = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why a request is refused, or undefined when it is signed with `credentials`. */
export async function verify(request: Incoming, credentials: Credentials, now = Date.now()): Promise<string | undefined> {
  const header = request.headers.authorization;
  const match = typeof header === "string" ? authorization.exec(header) : null;
  if (!match) return "the request is not signed (AWS Signature Version 4)";
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = match as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId || service !== SERVICE) return "the request is not signed with this runtime's credentials";
  const amzDate = request.headers["x-amz-date"];
  const signedAt = typeof amzDate === "string" ? parseAmzDate(amzDate) : undefined;
  if (!signedAt || amzDate!.slice(0, 8) !== day) return "the request has no valid x-amz-date";
  if (Math.abs(now - signedAt.getTime()) > MAX_SKEW_MS) return "the signature has expired";
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date")) return "the signature must cover host and x-amz-date";
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return `the signed header ${name} is missing`;
    headers[name] = Array.isArray(value) ? value.join(",") : value;
  }
  // The signer trusts a payload hash header as given: make sure it is this body's.
  const payloadHash = headers["x-amz-content-sha256"];
  if (payloadHash !== undefined && payloadHash !== createHash("sha256").update(request.body).digest("hex")) return "the body does not match its signed hash";
  const url = new URL(request.url, `http://${headers.host}`);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const expected = await signer(credentials, region!, false).sign(
    { method: request.method, protocol: "http:", hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers, body: request.body },
    { signingDate: signedAt, signableHeaders: new Set(signedHeaders) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization ?? expected.headers.Authorization))?.[1] ?? "";
  const ok = expectedSignature.length === signature!.length && timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature!));
  return ok ? undefined : "the signature does not match";
}

/** Signs an Invoke request as the SDK would: what tests and tools use to call the Lambda API. */
export async function signedInvocation(endpoint: string, functionName: string, payload: unknown, credentials: Credentials, region = LOCAL_REGION) {
  const url = new URL(`/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, endpoint);
  const body = JSON.stringify(payload);
  const signed = await signer(credentials, region).sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers: { host: url.host, "content-type": "application/json" },
    body,
  });
  return { url: url.toString(), init: { method: "POST", headers: signed.headers as Record<string, string>, body } };
}

function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}
