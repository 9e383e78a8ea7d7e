import { toJsonSchema, type ConversionConfig } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { problemSchema } from "../http/problem";
import { REFRESH_COOKIE, refreshCookiePaths } from "../http/session-cookie";
import { authorizerOf, routeEntries, type Authorizer, type RouteContract } from "../manifest";
import * as R from "./representations";

/**
 * The OpenAPI 3.1 document, generated from the routes' contracts: paths, methods, who may call,
 * and the valibot schemas the handlers' input is parsed with and their responses are described
 * by. Nothing is written by hand twice.
 */
/**
 * JSON Schema's `maxLength` counts characters (code points), which is what the core schemas'
 * `maxCodePoints` checks; the converter does not know that action, so it is mapped here.
 */
const overrideAction: ConversionConfig["overrideAction"] = ({ valibotAction, jsonSchema }) =>
  valibotAction.type === "max_code_points" ? { ...jsonSchema, maxLength: (valibotAction as v.MaxCodePointsAction<string, number, undefined>).requirement } : undefined;
const schema = (source: v.GenericSchema) => toJsonSchema(source, { target: "draft-2020-12", errorMode: "ignore", overrideAction }) as Record<string, unknown>;

const errorBody = { oneOf: [{ $ref: "#/components/schemas/Problem" }, { $ref: "#/components/schemas/GatewayMessage" }] };
const ERROR_STATUSES = { "4XX": "Refused: problem details (or API Gateway's own message)", "5XX": "A fault" } as const;

const security: Record<Authorizer, Record<string, string[]>[]> = { none: [], jwt: [{ cognito: [] }], apiKey: [{ apiKey: [] }] };

function queryParameters(query: v.GenericSchema | undefined) {
  if (!query) return [];
  const properties = (schema(query).properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema(query).required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, parameter]) => ({ name, in: "query", required: required.has(name), schema: parameter }));
}

/** The refresh cookie as a parameter and a response header. Browsers handle it themselves: the web app never reads or sets it. */
function cookieParameters(operation: RouteContract) {
  if (!operation.refreshCookie?.reads) return [];
  const description = 'The web app\'s refresh token, sent by the browser when the body says "session": "cookie"';
  return [{ name: REFRESH_COOKIE, in: "cookie", required: false, description, schema: { type: "string" } }];
}

function cookieHeaders(operation: RouteContract) {
  const writes = operation.refreshCookie?.writes;
  if (!writes) return {};
  const description = {
    sets: `With "session": "cookie": ${REFRESH_COOKIE}=<refresh token>; HttpOnly; Secure; SameSite=Strict; Path=<path>; Max-Age=<refresh token lifetime in seconds>, one cookie for each of ${refreshCookiePaths.join(" and ")}`,
    clears: `With "session": "cookie": ${REFRESH_COOKIE}=; Max-Age=0 with the same attributes and paths, which removes the cookie`,
    "may rotate": `With "session": "cookie", only if the pool issued a new refresh token: the new ${REFRESH_COOKIE} cookie`,
  }[writes];
  return { headers: { "Set-Cookie": { description, schema: { type: "string" } } } };
}

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [routeKey, operation] of routeEntries()) {
    const [method, path] = routeKey.split(" ") as [string, string];
    const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string" } }));
    const responses: Record<string, unknown> = {};
    for (const [status, body] of Object.entries(operation.responses)) {
      responses[status] = body
        ? { description: "Success", ...cookieHeaders(operation), content: { [operation.mediaType ?? "application/json"]: { schema: schema(body) } } }
        : { description: "Success, no body", ...cookieHeaders(operation) };
    }
    for (const [status, description] of Object.entries(ERROR_STATUSES)) {
      responses[status] = { description, content: { "application/problem+json": { schema: errorBody }, "application/json": { schema: errorBody } } };
    }
    (paths[path] ??= {})[method.toLowerCase()] = {
      operationId: operation.name,
      summary: operation.summary,
      tags: [operation.tag],
      security: security[authorizerOf(operation.auth)],
      parameters: [...pathParameters, ...queryParameters(operation.query), ...cookieParameters(operation)],
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(operation.body) } } } } : {}),
      responses,
      ...(operation.idempotency ? { "x-idempotency-key": "honoured" } : {}),
      ...(operation.scope ? { "x-api-key-scope": operation.scope } : {}),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Emporium", version: "1.0.0", description: "Serverless commerce API: products, users, orders, events." },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        cognito: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A Cognito access token" },
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
      },
      schemas: { Problem: schema(problemSchema), GatewayMessage: schema(R.gatewayMessage) },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;

/** Where scripts/generate-openapi.ts writes the document without servers, and its exact text. */
export const DOCUMENT_JSON_PATH = new URL("./document.json", import.meta.url).pathname;
export const documentJson = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
