import type { BucketCorsRule } from "@emporium/functions/manifest";

/** The part of fauxqs's Fastify server this uses: a hook that sees every request first. */
interface Server {
  addHook(name: "onRequest", hook: (request: IncomingRequest, reply: Reply, done: () => void) => void): unknown;
}
interface IncomingRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Reply {
  code(status: number): Reply;
  type(contentType: string): Reply;
  headers(values: Record<string, string>): Reply;
  send(body?: string): unknown;
}

/**
 * S3's bucket CORS, which fauxqs 1.9.2 lacks (it answers every OPTIONS with 404 and never adds
 * Access-Control-* headers), so a browser on the web origin could not PUT to a presigned URL.
 * Evaluated as S3 does for path-style requests (`/<bucket>/<key>`):
 * - a preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered here: 200
 *   with the matching rule's headers, or 403 when no rule matches or the bucket has none;
 * - any other request with an Origin goes on to fauxqs, with the matching rule's headers added.
 * A rule matches when the origin matches one of its origins (one `*` wildcard each), the method
 * is one of its methods and every requested header matches one of its headers (case-insensitive).
 */
export class S3Cors {
  private readonly rules = new Map<string, BucketCorsRule>();

  /** What PutBucketCors does; the offline stack passes the manifest's rule, as infra does. */
  set(bucket: string, rule: BucketCorsRule): void {
    this.rules.set(bucket, rule);
  }

  install(app: Server): void {
    app.addHook("onRequest", (request, reply, done) => {
      const origin = header(request.headers.origin);
      const bucket = bucketOf(request.url);
      if (request.method === "OPTIONS") {
        const method = header(request.headers["access-control-request-method"]);
        if (!origin || !method) return void reply.code(400).type("application/xml").send(s3Error("BadRequest", "Insufficient information. Origin request header needed."));
        const rule = bucket ? this.rules.get(bucket) : undefined;
        if (!rule) return void reply.code(403).type("application/xml").send(s3Error("AccessForbidden", "CORSResponse: CORS is not enabled for this bucket."));
        const requested = (header(request.headers["access-control-request-headers"]) ?? "").split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
        if (!allows(rule, origin, method, requested)) {
          return void reply.code(403).type("application/xml").send(s3Error("AccessForbidden", "CORSResponse: This CORS request is not allowed."));
        }
        reply.headers({
          ...responseHeaders(rule, origin),
          "access-control-allow-methods": rule.allowMethods.join(", "),
          ...(requested.length > 0 ? { "access-control-allow-headers": requested.join(", ") } : {}),
          ...(rule.maxAgeSeconds > 0 ? { "access-control-max-age": String(rule.maxAgeSeconds) } : {}),
          vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
        });
        return void reply.code(200).send();
      }
      const rule = bucket ? this.rules.get(bucket) : undefined;
      if (origin && rule && allows(rule, origin, request.method, [])) {
        reply.headers({ ...responseHeaders(rule, origin), "access-control-allow-methods": rule.allowMethods.join(", "), vary: "Origin" });
      }
      done();
    });
  }
}

function allows(rule: BucketCorsRule, origin: string, method: string, headers: string[]): boolean {
  return (
    rule.allowOrigins.some((pattern) => wildcard(pattern, origin)) &&
    (rule.allowMethods as readonly string[]).includes(method.toUpperCase()) &&
    headers.every((name) => rule.allowHeaders.some((pattern) => wildcard(pattern.toLowerCase(), name)))
  );
}

/** A wildcard rule answers `*` (no credentials); a named origin is echoed with credentials allowed. */
function responseHeaders(rule: BucketCorsRule, origin: string): Record<string, string> {
  const any = rule.allowOrigins.includes("*");
  return {
    "access-control-allow-origin": any ? "*" : origin,
    ...(any ? {} : { "access-control-allow-credentials": "true" }),
    ...(rule.exposeHeaders.length > 0 ? { "access-control-expose-headers": rule.exposeHeaders.join(", ") } : {}),
  };
}

/** S3 allows one `*` per origin or header pattern, matching any run of characters. */
function wildcard(pattern: string, value: string): boolean {
  const star = pattern.indexOf("*");
  if (star === -1) return pattern === value;
  const prefix = pattern.slice(0, star);
  const suffix = pattern.slice(star + 1);
  return value.length >= prefix.length + suffix.length && value.startsWith(prefix) && value.endsWith(suffix);
}

function bucketOf(url: string): string | undefined {
  const path = url.split("?")[0] ?? "";
  const bucket = path.split("/")[1];
  return bucket ? decodeURIComponent(bucket) : undefined;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const s3Error = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
