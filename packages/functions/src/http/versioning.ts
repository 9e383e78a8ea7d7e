import { PreconditionFailedError } from "@emporium/core/errors";
import type { ApiRequest } from "./request";
import { json, type ApiResponse } from "./response";

/**
 * Conditional requests (RFC 9110): every mutable resource carries a `version`, sent as a strong
 * ETag `"<version>"`. `If-None-Match` on a read answers 304 when the client's copy is current;
 * `If-Match` on a write names the version the client changed, and a write against any other
 * version is refused with 412 by the core service, before anything is written.
 */
export const etagOf = (version: number) => `"${version}"`;

/** Caching: the public catalogue may sit in a CDN briefly; personal data only in the client, revalidated. */
export const PUBLIC_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=60";
export const PRIVATE_CACHE = "private, no-cache";

/**
 * The catalogue's caching for this request: shared caches may keep what anybody would get, but
 * not an answer to a request that carries credentials. CloudFront keys such answers on the
 * credentials, yet an admin who has just edited a product would still read the old copy there.
 */
export function catalogueCache(request: ApiRequest): string {
  return request.header("authorization") || request.header("x-api-key") ? PRIVATE_CACHE : PUBLIC_CACHE;
}

/** A 200 with the resource's ETag, or a bodiless 304 when the client already holds this version. */
export function versioned(request: ApiRequest, resource: { version: number }, cacheControl = PRIVATE_CACHE, status = 200): ApiResponse {
  const etag = etagOf(resource.version);
  const headers = { etag, "cache-control": cacheControl };
  if (status === 200 && matches(request.header("if-none-match"), etag)) return { statusCode: 304, headers };
  return json(status, resource, headers);
}

/** The version an `If-Match` header names, if any (`*` names none in particular). */
export function expectedVersion(request: ApiRequest): number | undefined {
  const header = request.header("if-match")?.trim();
  if (!header || header === "*") return undefined;
  const version = /^"(\d{1,15})"$/.exec(header);
  if (!version) throw new PreconditionFailedError(`If-Match must be an ETag this API sent, like "3"; got ${header}.`);
  return Number(version[1]);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === "*" || header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
