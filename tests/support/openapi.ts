import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { openApiDocument } from "@emporium/functions/openapi/document";
import { Router } from "@emporium/local/gateway";

/**
 * Every response the end-to-end tests receive is checked against the OpenAPI document the API
 * serves: the route's documented status, its content type, and its body's schema. A response
 * the document does not describe fails the test that got it.
 */
const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const router = new Router<{ path: string; method: string }>();
for (const [path, methods] of Object.entries(document.paths)) {
  for (const method of Object.keys(methods)) router.add(`${method.toUpperCase()} ${path}`, { path, method });
}
const errorSchema = { oneOf: [document.components.schemas.Problem, document.components.schemas.GatewayMessage] };
const compiled = new Map<string, ValidateFunction>();

function validator(key: string, schema: unknown): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) compiled.set(key, (validate = ajv.compile(schema as object)));
  return validate;
}

/** Why a response does not match the document, or undefined when it does. */
export function conformance(method: string, url: string, status: number, contentType: string, text: string): string | undefined {
  const path = new URL(url).pathname;
  const match = router.match(method, path);
  const label = `${method} ${path} → ${status}`;
  if (!match) return status === 404 && validator("gateway", errorSchema)(JSON.parse(text)) ? undefined : `${label}: not in the document`;
  const operation = (document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>)[
    match.target.path
  ]![match.target.method]!;
  const response = operation.responses[String(status)] ?? (status >= 500 ? operation.responses["5XX"] : status >= 400 ? operation.responses["4XX"] : undefined);
  if (!response) return `${label}: status not documented`;
  if (!response.content) return text === "" ? undefined : `${label}: documented without a body, got ${text.slice(0, 80)}`;
  const mediaType = contentType.split(";")[0]!.trim();
  const content = response.content[mediaType];
  if (!content) return `${label}: content type ${mediaType} not documented`;
  if (!mediaType.endsWith("json")) return text.length > 0 ? undefined : `${label}: empty ${mediaType} body`;
  const schemaKey = status >= 400 ? "error" : `${match.target.method} ${match.target.path} ${status}`;
  const validate = validator(schemaKey, status >= 400 ? errorSchema : content.schema);
  if (validate(JSON.parse(text))) return undefined;
  return `${label}: ${ajv.errorsText(validate.errors)}`;
}

export { document as openApi };
