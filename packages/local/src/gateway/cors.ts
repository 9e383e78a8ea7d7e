import type { IncomingMessage } from "node:http";
import type { HttpResponse } from "./result";

/**
 * API Gateway's CORS for HTTP APIs, emulated: it answers preflight requests itself (whatever
 * the routes), and on other requests from an allowed origin it sets the CORS headers, replacing
 * any the integration returned. A disallowed origin gets no CORS headers, so browsers refuse.
 */
export interface CorsConfig {
  allowOrigins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

const allowed = (config: CorsConfig, origin: string | undefined): origin is string =>
  origin !== undefined && (config.allowOrigins.includes(origin) || config.allowOrigins.includes("*"));

export function isPreflight(request: IncomingMessage): boolean {
  return request.method === "OPTIONS" && request.headers.origin !== undefined && request.headers["access-control-request-method"] !== undefined;
}

export function preflight(config: CorsConfig, request: IncomingMessage): HttpResponse {
  const origin = request.headers.origin;
  if (!allowed(config, origin)) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  return {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": config.allowMethods.join(","),
      "access-control-allow-headers": config.allowHeaders.join(","),
      "access-control-max-age": String(config.maxAgeSeconds),
      vary: "origin",
    },
    body: Buffer.alloc(0),
  };
}

export function withCors(config: CorsConfig, request: IncomingMessage, response: HttpResponse): HttpResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.startsWith("access-control-")));
  const origin = request.headers.origin;
  if (!allowed(config, origin)) return { ...response, headers };
  return {
    ...response,
    headers: { ...headers, "access-control-allow-origin": origin, "access-control-expose-headers": config.exposeHeaders.join(","), vary: "origin" },
  };
}
