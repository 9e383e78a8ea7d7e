/**
 * What a route's contract says: who may call it and what it links (read by `infra/*` and the
 * local gateway), and what it takes and answers (read by `route()`, which validates the input
 * with these very schemas, and by the OpenAPI document). contracts.ts holds one per route.
 */
import type { Scope } from "@emporium/core/auth";
import type * as v from "valibot";
import type { FunctionSpec } from "./functions";

/**
 * `public`: anyone. `user`: any signed-in user (Cognito access token, JWT authorizer).
 * `admin`: the admin group. `apiKey`: machine clients (`x-api-key`, Lambda authorizer) whose
 * key grants the route's `scope`.
 */
export type Auth = "public" | "user" | "admin" | "apiKey";

/** Which API Gateway authorizer stands in front of a route: none, the Cognito JWT one, or the API-key Lambda. */
export type Authorizer = "none" | "jwt" | "apiKey";

const authorizers = { public: "none", user: "jwt", admin: "jwt", apiKey: "apiKey" } as const satisfies Record<Auth, Authorizer>;

/**
 * The one mapping from who may call a route to the authorizer that checks it first; the deployed
 * API, the local gateway and the OpenAPI document's security all follow it. (`admin` is a JWT
 * route: the admin group is checked by the function, from the token's groups.)
 */
export function authorizerOf(auth: Auth): Authorizer {
  return authorizers[auth];
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /${string}`;

export interface RouteContract extends FunctionSpec {
  auth: Auth;
  /** For `apiKey` routes: the scope a key must hold. */
  scope?: Scope;
  /** Honours `Idempotency-Key` (non-idempotent writes); the handler is written with `idempotentRoute()`. */
  idempotency?: true;
  /** Hot path: production may keep instances warm (provisioned concurrency on the `live` alias, see infra/canary.ts). */
  warm?: true;
  summary: string;
  tag: string;
  /**
   * Path parameters that are not ULID ids (`idParamSchema`, every other `{name}` of the path).
   * A value its schema refuses names nothing: a 404, whose detail is the schema's message.
   */
  params?: Record<string, v.GenericSchema<string>>;
  query?: v.GenericSchema;
  /** The JSON object body; a route without one ignores what is sent. */
  body?: v.GenericSchema;
  /** Success statuses and their bodies (null: no body). Errors are documented for every route. */
  responses: Record<number, v.GenericSchema | null>;
  /** The success responses' media type, when not JSON. */
  mediaType?: string;
  /** The web app's refresh cookie: read from the request (`reads`), written by the response (`writes`). */
  refreshCookie?: { reads?: true; writes?: "sets" | "clears" | "may rotate" };
}

/** A contract as contracts.ts exports it: with its own route key. */
export type Keyed<K extends RouteKey = RouteKey> = RouteContract & { key: K };

/** The names of a path's `{parameters}`. */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;
