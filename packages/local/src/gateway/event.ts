import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RouteMatch } from "./router";
import { LOCAL_ACCOUNT_ID } from "../local-account";

/**
 * The media types API Gateway passes to a payload 2.0 integration as text: `text/*`,
 * `application/json`, `application/javascript` and `application/xml`. Everything else, form
 * posts and `+json` vendor types included, arrives base64-encoded.
 */
const TEXT_TYPES = /^\s*(text\/[^;\s]+|application\/(json|javascript|xml))\s*(;|$)/i;

/** A path whose percent-escapes do not decode; API Gateway answers it with 400 before routing. */
export class MalformedPath extends Error {}

/** HTTP APIs decode the whole path, `%2F` included, before routing and before building the event. */
export function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new MalformedPath(rawPath);
  }
}

/** An X-Ray trace header as API Gateway starts one: `Root=1-<epoch seconds, hex>-<96 random bits, hex>`. */
export function newTraceId(now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16).padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
}

export interface JwtAuthorizerContext {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/** What an authorizer adds to `requestContext.authorizer`: JWT claims or a Lambda authorizer's context. */
export type AuthorizerContext = JwtAuthorizerContext | { lambda: Record<string, unknown> | null };

export type GatewayEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & { authorizer?: AuthorizerContext };
};

export interface EventInput {
  request: IncomingMessage;
  body: Buffer;
  match: RouteMatch<unknown>;
  requestId: string;
  now?: Date;
}

/** An HTTP API request id has the shape of API Gateway's: 16 characters of base64. */
export function newRequestId(): string {
  return randomBytes(12).toString("base64").slice(0, 15) + "=";
}

/** Builds the payload format 2.0 event API Gateway sends to a Lambda integration. */
export function buildEvent({ request, body, match, requestId, now = new Date() }: EventInput): GatewayEvent {
  const url = new URL(request.url ?? "/", "http://local");
  const rawPath = decodePath((request.url ?? "/").split("?")[0]!);
  const rawQueryString = (request.url ?? "").includes("?") ? request.url!.slice(request.url!.indexOf("?") + 1) : "";
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === "cookie") {
      cookies.push(...value.split(";").map((cookie) => cookie.trim()).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  }
  const sourceIp = normaliseIp(request.socket.remoteAddress);
  const host = headers.host ?? "127.0.0.1";
  // Headers API Gateway adds on its way to the integration.
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${sourceIp}` : sourceIp;
  headers["x-forwarded-port"] = String(request.socket.localPort ?? (/:(\d+)$/.exec(host)?.[1] ?? "80"));
  headers["x-forwarded-proto"] = "http";
  headers["x-amzn-trace-id"] ??= newTraceId(now);
  headers["content-length"] = String(body.length);
  const contentType = headers["content-type"] ?? "";
  const isText = TEXT_TYPES.test(contentType);
  const hasBody = body.length > 0;

  const event: GatewayEvent = {
    version: "2.0",
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: "local",
      domainName: host,
      domainPrefix: host.split(".")[0]!,
      http: {
        method: request.method ?? "GET",
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId,
      routeKey: match.routeKey,
      stage: "$default",
      time: formatTime(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(hasBody ? { body: isText ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: hasBody && !isText,
  };
  return event;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `12/Mar/2020:19:03:58 +0000`, the CLF-style time API Gateway writes. */
function formatTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function normaliseIp(address: string | undefined): string {
  return (address ?? "127.0.0.1").replace(/^::ffff:/, "");
}
