import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import fc, { type Arbitrary } from "fast-check";
import { conformance } from "./openapi";
import { breakingOf, valueOf, type Refine, type Schema } from "./schema-arbitrary";
import { countItems, snapshotItems, type ItemSelector, type TableAccess } from "./table";

/**
 * Fuzzing from the OpenAPI document the API serves: every operation gets requests generated
 * from its own schemas (path parameters, query, JSON body), valid and broken, sent anonymously,
 * with a customer's or an administrator's access token, with an API key, or with a junk token,
 * sometimes with an Idempotency-Key or If-Match header. Every answer must be
 *   - no 5xx;
 *   - one the document describes (tests/support/openapi.ts, the e2e suite's checker);
 *   - a 4xx when the document itself refuses the request (judged on what was sent);
 *   - and, when it is a 4xx, without any write: the table's item count and the fuzz's own
 *     items (tests/support/table.ts) are as they were.
 * No vitest here: tests/e2e/openapi-fuzz.test.ts runs these properties a few times per
 * operation, bench/fuzz.ts many more times against a stack of its own.
 */
export interface FuzzTarget {
  apiUrl: string;
  table: TableAccess;
  credentials: { customer: string; admin: string; apiKey: string };
  /** The fuzz's own resources, so destructive routes never touch anyone else's. */
  ids: FuzzIds;
  /** The items of those resources, compared around every refused request. */
  watched: ItemSelector[];
}

export interface FuzzIds {
  /** Products orders and stock writes may name (created with enough stock). */
  products: string[];
  /** The only product DELETE /products/{id} may name. */
  victimProduct: string;
  orders: string[];
  /** Users that may be read or named; DELETE and PATCH /users/{id} name only the victim. */
  users: string[];
  victimUser: string;
  /** The only key DELETE /api-keys/{id} may name (not the one the fuzz authenticates with). */
  victimKey: string;
}

export interface Operation {
  method: string;
  path: string;
  label: string;
  operation: Schema;
}

type Credential = "anonymous" | "customer" | "admin" | "apiKey" | "junk";

export interface FuzzRequest {
  method: string;
  /** The concrete path and query, as sent. */
  url: string;
  credential: Credential;
  headers: Record<string, string>;
  body?: string;
  /** Why the document refuses this request, when it does. */
  refusedBecause?: string;
}

const METHODS = new Set(["get", "put", "post", "patch", "delete"]);

/** Every operation of a served document. */
export function operationsOf(document: Schema): Operation[] {
  return Object.entries(document.paths as Record<string, Record<string, Schema>>).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, label: `${method.toUpperCase()} ${path}`, operation })),
  );
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validators = new WeakMap<object, ValidateFunction>();
function judge(schema: Schema, value: unknown): string | undefined {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate(value) ? undefined : ajv.errorsText(validate.errors);
}

/** Ids a path parameter may take: the fuzz's own of the right kind, or none (only generated strings). */
function knownIds(operation: Operation, name: string, ids: FuzzIds): string[] {
  if (name !== "id") return [];
  const [, collection] = operation.path.split("/");
  const destructive = operation.method === "DELETE" || operation.method === "PATCH";
  if (collection === "products" || collection === "partner") return operation.method === "DELETE" ? [ids.victimProduct] : ids.products;
  if (collection === "orders") return ids.orders;
  if (collection === "users") return destructive ? [ids.victimUser] : ids.users;
  if (collection === "api-keys") return [ids.victimKey];
  return [];
}

/** Ids no route knows: malformed, traversal, encoded, too long, or well-formed but unknown. */
const strangeIds = fc.constantFrom("not-an-id", "..", "%2e%2e%2f", "0", "-1", "9".repeat(300), "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01arz3ndektsv4rrffq69g5fav", "null", "<script>", "ÿ");

const ULID = "^[0-9A-HJKMNP-TV-Z]{26}$";

/** Strings shaped like a product id are, half the time, one of the fuzz's products: otherwise every order is of an unknown product. */
const productRefine = (ids: FuzzIds): Refine => (schema, derived) => (schema.type === "string" && schema.pattern === ULID ? fc.oneof(fc.constantFrom(...ids.products), derived) : derived);

function queryOf(operation: Operation): { schema: Schema; names: string[] } | undefined {
  const parameters = ((operation.operation.parameters ?? []) as Schema[]).filter((parameter) => parameter.in === "query");
  if (parameters.length === 0) return undefined;
  return {
    names: parameters.map((parameter) => parameter.name),
    schema: {
      type: "object",
      properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      // Not `additionalProperties: false`: OpenAPI does not forbid parameters it does not list, and the API ignores them.
    },
  };
}

/** A query's values as the wire carries them: strings (a broken value is sent as its text). */
function asQuery(value: unknown): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, typeof v === "string" ? v : JSON.stringify(v)]));
}

/** Requests for one operation, valid and broken, judged by the document as they will be sent. */
export function requestsFor(operation: Operation, ids: FuzzIds): Arbitrary<FuzzRequest> {
  const refine = productRefine(ids);
  const pathParameters = ((operation.operation.parameters ?? []) as Schema[]).filter((parameter) => parameter.in === "path");
  const path = fc
    .tuple(
      ...pathParameters.map((parameter) => {
        const known = knownIds(operation, parameter.name, ids);
        const generated = valueOf(parameter.schema) as Arbitrary<string>;
        return known.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, generated, strangeIds) : fc.oneof(generated, strangeIds);
      }),
    )
    .map((values) => pathParameters.reduce((template, parameter, i) => template.replace(`{${parameter.name}}`, encodeURIComponent(values[i]!)), operation.path));

  const query = queryOf(operation);
  const queryArb: Arbitrary<{ text: string; refused?: string }> = query
    ? fc.oneof({ weight: 2, arbitrary: valueOf(query.schema, { refine }) }, breakingOf(query.schema, { refine })).map((value) => {
        const sent = asQuery(value);
        const refused = judge(query.schema, sent);
        const text = new URLSearchParams(sent).toString();
        return { text: text ? `?${text}` : "", ...(refused ? { refused: `query ${refused}` } : {}) };
      })
    : fc.constant({ text: "" });

  const bodySchema = operation.operation.requestBody?.content?.["application/json"]?.schema as Schema | undefined;
  type Body = { body?: string; contentType?: string; refused?: string };
  const bodyArb: Arbitrary<Body> = bodySchema
    ? fc.oneof(
        { weight: 8, arbitrary: fc.oneof(valueOf(bodySchema, { refine }), breakingOf(bodySchema, { refine })).map((value): Body => {
          const refused = judge(bodySchema, value);
          return { body: JSON.stringify(value), contentType: "application/json", ...(refused ? { refused: `body ${refused}` } : {}) };
        }) },
        { weight: 1, arbitrary: fc.constantFrom<Body>({ body: '{"', contentType: "application/json", refused: "malformed JSON" }, { body: "", contentType: "application/json", refused: "empty body" }, { refused: "no body" }) },
        { weight: 1, arbitrary: fc.tuple(valueOf(bodySchema, { refine }), fc.constantFrom("text/plain", "application/x-www-form-urlencoded")).map(([value, contentType]): Body => ({ body: JSON.stringify(value), contentType, refused: "wrong content type" })) },
      )
    : fc.constant<Body>({});

  const idempotencyKey = fc.option(fc.oneof({ weight: 3, arbitrary: fc.uuid() }, fc.constantFrom("", "has space", "x".repeat(300), "k")), { freq: 3 });
  const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', "*", 'W/"1"', "garbage", '"999999"'), { freq: 3 });
  // Mostly the credentials the operation takes, so requests get past the authorizer to the handler.
  const schemes = new Set(((operation.operation.security ?? []) as Record<string, unknown>[]).flatMap((requirement) => Object.keys(requirement)));
  const takes = (who: Credential) => (who === "apiKey" ? schemes.has("apiKey") : who === "customer" || who === "admin" ? schemes.has("cognito") : schemes.size === 0);
  const credential = fc.oneof(
    ...(["anonymous", "customer", "admin", "apiKey", "junk"] as const).map((who) => ({ weight: takes(who) ? 4 : 1, arbitrary: fc.constant<Credential>(who) })),
  );

  return fc.record({ path, query: queryArb, body: bodyArb, credential, idempotencyKey, ifMatch }).map(({ path: concrete, query: q, body, credential: who, idempotencyKey: key, ifMatch: match }) => {
    const headers: Record<string, string> = {};
    if (body.contentType) headers["content-type"] = body.contentType;
    if (key !== null) headers["idempotency-key"] = key;
    if (match !== null) headers["if-match"] = match;
    const refusedBecause = q.refused ?? body.refused;
    return { method: operation.method, url: `${concrete}${q.text}`, credential: who, headers, ...(body.body !== undefined ? { body: body.body } : {}), ...(refusedBecause ? { refusedBecause } : {}) };
  });
}

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

let nextAddress = 0;
/**
 * Requests come from loopback addresses of the fuzz's own (127.0.3.x), one after the other: the
 * anonymous quota is per address, and the one of 127.0.0.1 is shared by every other test file.
 */
function sourceAddress(): string {
  nextAddress = (nextAddress % 250) + 1;
  return `127.0.3.${nextAddress}`;
}

function send(target: FuzzTarget, request: FuzzRequest): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  const { credentials } = target;
  if (request.credential === "customer") headers.authorization = `Bearer ${credentials.customer}`;
  if (request.credential === "admin") headers.authorization = `Bearer ${credentials.admin}`;
  if (request.credential === "junk") headers.authorization = "Bearer not.a.token";
  if (request.credential === "apiKey") headers["x-api-key"] = credentials.apiKey;
  if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
  const url = new URL(`${target.apiUrl}${request.url}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: request.method, headers, localAddress: sourceAddress() }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${request.method} ${request.url}: no answer in 30 s`)));
    req.end(request.body);
  });
}

/** What a refused request must leave as it was. */
async function tableState(target: FuzzTarget): Promise<{ count: number; items: string }> {
  const [count, items] = await Promise.all([countItems(target.table), snapshotItems(target.table, target.watched)]);
  return { count, items };
}

/**
 * The property for one operation. The table is measured after every request: a refused one must
 * leave it as the last measurement found it; an accepted one may change it, and sets the new
 * baseline. Plain assertion errors, so it runs outside vitest too.
 */
export function operationProperty(target: FuzzTarget, operation: Operation, seen?: Map<number, number>): fc.IAsyncPropertyWithHooks<[FuzzRequest]> {
  let baseline: { count: number; items: string } | undefined;
  return fc.asyncProperty(requestsFor(operation, target.ids), async (request) => {
    baseline ??= await tableState(target);
    const reply = await send(target, request);
    seen?.set(reply.status, (seen.get(reply.status) ?? 0) + 1);
    const said = `${request.credential} ${request.method} ${request.url} → ${reply.status} ${reply.text.slice(0, 300)}`;
    assert.ok(reply.status < 500, `a 5xx: ${said}`);
    const why = conformance(request.method, `${target.apiUrl}${request.url}`, reply.status, reply.contentType, reply.text);
    assert.equal(why, undefined, `not as documented: ${why}`);
    if (request.refusedBecause) assert.ok(reply.status >= 400 && reply.status < 500, `the document refuses this (${request.refusedBecause}) but the API answered: ${said}`);
    const after = await tableState(target);
    if (reply.status >= 400) {
      assert.equal(after.count, baseline.count, `a refused request changed the table's item count: ${said}`);
      assert.equal(after.items, baseline.items, `a refused request changed the fuzz's own items: ${said}`);
    }
    baseline = after;
  });
}

/** `FUZZ_RUNS=n`: runs per operation, else the caller's default. */
export function fuzzRuns(fallback: number): number {
  const runs = Number(process.env.FUZZ_RUNS ?? fallback);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got ${process.env.FUZZ_RUNS}`);
  return runs;
}

/** The fuzz's own items: its products (and their stock audit), users, orders and the victim key. */
export function watchedItems(ids: FuzzIds): ItemSelector[] {
  const products = [...new Set([...ids.products, ids.victimProduct])];
  return [
    ...products.flatMap((id) => [{ pk: `PRODUCT#${id}` }, { pk: `STOCKAUDIT#${id}` }]),
    ...[...new Set([...ids.users, ids.victimUser])].map((id) => ({ pk: `USER#${id}` })),
    ...ids.orders.map((id) => ({ pk: `ORDER#${id}` })),
    { gsi1pk: "APIKEYS", gsi1sk: ids.victimKey },
  ];
}
