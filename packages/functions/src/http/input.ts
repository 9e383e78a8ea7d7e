import type { ApiClient, Principal } from "@emporium/core/auth";
import { BodyTooLargeError, MalformedBodyError, NotFoundError, UnsupportedMediaTypeError, ValidationError } from "@emporium/core/errors";
import { idParamSchema, parse } from "@emporium/core/validation";
import * as v from "valibot";
import type { Keyed, PathParams, RouteKey } from "../manifest";
import type { ApiRequest } from "./request";

/** Request bodies above this are refused before parsing; no API document comes near it. */
export const MAX_BODY_BYTES = 64 * 1024;

type Parsed<C, Part extends "query" | "body"> = C extends { [P in Part]: infer S extends v.GenericSchema } ? v.InferOutput<S> : undefined;
type Path<K> = K extends `${string} ${infer P}` ? P : never;

/**
 * What a handler receives: its path parameters, query and body parsed by its contract's schemas,
 * the caller (`principal` on user and admin routes, `client` on API-key routes) and the request
 * itself for headers and cookies.
 */
export type RouteInput<C extends Keyed> = {
  params: Record<PathParams<Path<C["key"]>>, string>;
  query: Parsed<C, "query">;
  body: Parsed<C, "body">;
  request: ApiRequest;
} & (C["auth"] extends "user" | "admin" ? { principal: Principal } : {}) &
  (C["auth"] extends "apiKey" ? { client: ApiClient } : {});

/**
 * Parses a request by its contract, in the order a client would fix it: a path that names
 * nothing (404) before a bad query, a bad query before a bad body (415, 413, 400, then 422).
 */
export function parseInput<C extends Keyed>(contract: C, request: ApiRequest): RouteInput<C> {
  const params = pathParams(contract, request);
  const query = contract.query ? parse(contract.query, request.event.queryStringParameters ?? {}) : undefined;
  const body = contract.body ? parse(contract.body, jsonObject(request)) : undefined;
  const { caller } = request;
  return {
    params,
    query,
    body,
    request,
    ...(caller.kind === "user" ? { principal: caller.principal } : {}),
    ...(caller.kind === "apiKey" ? { client: caller.client } : {}),
  } as RouteInput<C>;
}

function pathParams(contract: Keyed, request: ApiRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of pathParamNames(contract.key)) {
    const result = v.safeParse(contract.params?.[name] ?? idParamSchema, request.event.pathParameters?.[name], { abortPipeEarly: true });
    if (!result.success) throw new NotFoundError(result.issues[0].message);
    params[name] = result.output;
  }
  return params;
}

const pathParamNames = (key: RouteKey) => key.matchAll(/\{(\w+)\}/g) as Iterable<[string, string]>;

/** The JSON object body: 415 unless JSON, 413 when too large, 400 when malformed, 422 unless an object. */
function jsonObject(request: ApiRequest): object {
  const contentType = request.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json" && !contentType?.endsWith("+json")) {
    throw new UnsupportedMediaTypeError("Send the body as application/json.");
  }
  const raw = request.event.body ?? "";
  const text = request.event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
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
  return value;
}
