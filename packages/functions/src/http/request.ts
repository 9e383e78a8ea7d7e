import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { ApiClient, Principal } from "@emporium/core/auth";
import { BodyTooLargeError, MalformedBodyError, NotFoundError, UnsupportedMediaTypeError, ValidationError } from "@emporium/core/errors";
import { idSchema, parse } from "@emporium/core/validation";
import * as v from "valibot";
import type { RouteSpec } from "../manifest";
import { callerFor, type ApiKeyContext, type Caller, type Claims } from "./caller";

/** Request bodies above this are refused before parsing; no API document comes near it. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A payload 2.0 event, whichever authorizer (JWT, Lambda, none) the route has. */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & {
    authorizer?: { jwt?: { claims: Claims; scopes: string[] | null }; lambda?: Partial<ApiKeyContext> | null };
  };
};

/** A parsed view of a payload 2.0 event: each accessor validates what it returns. */
export class Request {
  readonly caller: Caller;
  /** The `RateLimit-*` headers of the limit that decided this request (the route wrapper adds them). */
  rateLimit: Record<string, string> = {};

  constructor(
    readonly event: ApiEvent,
    route: Pick<RouteSpec, "auth" | "scope">,
  ) {
    this.caller = callerFor(route, {
      jwtClaims: event.requestContext.authorizer?.jwt?.claims,
      lambdaContext: event.requestContext.authorizer?.lambda ?? undefined,
      sourceIp: event.requestContext.http.sourceIp,
    });
  }

  /** The signed-in user; only on `user` and `admin` routes. */
  get principal(): Principal {
    if (this.caller.kind !== "user") throw new Error("this route has no signed-in user");
    return this.caller.principal;
  }

  /** The machine client; only on `apiKey` routes. */
  get client(): ApiClient {
    if (this.caller.kind !== "apiKey") throw new Error("this route has no API key client");
    return this.caller.client;
  }

  /** The client's address as API Gateway saw it: the connection's peer, not a forwarded header. */
  get sourceIp(): string {
    return this.event.requestContext.http.sourceIp;
  }

  header(name: string): string | undefined {
    return this.event.headers?.[name.toLowerCase()];
  }

  /** A cookie's value. Payload 2.0 takes the `Cookie` header apart into `cookies` ("name=value" each). */
  cookie(name: string): string | undefined {
    for (const pair of this.event.cookies ?? []) {
      const separator = pair.indexOf("=");
      if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
    }
    return undefined;
  }

  /** The JSON object body, validated: 415 unless JSON, 413 when too large, 400 when malformed, 422 when invalid. */
  body<const S extends v.GenericSchema>(schema: S): v.InferOutput<S> {
    const contentType = this.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (contentType !== "application/json" && !contentType?.endsWith("+json")) {
      throw new UnsupportedMediaTypeError("Send the body as application/json.");
    }
    const raw = this.event.body ?? "";
    const text = this.event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
      throw new BodyTooLargeError(`The body must not exceed ${MAX_BODY_BYTES} bytes.`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new MalformedBodyError("The body is not valid JSON.");
    }
    // Every body of this API is an object; valibot's object schemas would also take an array.
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ValidationError([{ path: "", message: "the body must be a JSON object" }]);
    }
    return parse(schema, value);
  }

  query<const S extends v.GenericSchema>(schema: S): v.InferOutput<S> {
    return parse(schema, this.event.queryStringParameters ?? {});
  }

  /** A path id; one that cannot be an id names nothing, so it is a 404 like any unknown id. */
  id(name = "id"): string {
    const value = this.event.pathParameters?.[name];
    if (!v.is(idSchema, value)) throw new NotFoundError(`No resource has the id ${JSON.stringify(value ?? "")}.`);
    return value;
  }

  /** A user id from the path: users are known by their Cognito `sub`, a UUID. */
  userId(name = "id"): string {
    const value = this.event.pathParameters?.[name];
    if (!v.is(userIdSchema, value)) throw new NotFoundError(`No user has the id ${JSON.stringify(value ?? "")}.`);
    return value;
  }
}

const userIdSchema = v.pipe(v.string(), v.uuid());
