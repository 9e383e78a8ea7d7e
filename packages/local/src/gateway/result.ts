/**
 * Turns a Lambda result into an HTTP response by the payload 2.0 rules: a value without a
 * `statusCode` is a 200 JSON body; otherwise statusCode, headers, cookies, body and
 * isBase64Encoded are used as given.
 */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Lambda refuses synchronous responses above 6 MB; API Gateway then reports a fault. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

export const gatewayMessage = (status: number, message: string): HttpResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify({ message })),
});

export const internalError = () => gatewayMessage(500, "Internal Server Error");

export function toHttpResponse(result: unknown): HttpResponse {
  const structured =
    typeof result === "object" && result !== null && "statusCode" in result
      ? (result as { statusCode: unknown; headers?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown })
      : undefined;
  if (!structured) {
    const body = typeof result === "string" ? result : JSON.stringify(result ?? null);
    return sized({ status: 200, headers: { "content-type": "application/json" }, body: Buffer.from(body) });
  }
  const status = Number(structured.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return internalError();
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((structured.headers as Record<string, unknown>) ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  if (Array.isArray(structured.cookies) && structured.cookies.length > 0) {
    headers["set-cookie"] = structured.cookies.map(String);
  }
  const rawBody = structured.body === undefined || structured.body === null ? "" : String(structured.body);
  const body = structured.isBase64Encoded === true ? Buffer.from(rawBody, "base64") : Buffer.from(rawBody);
  return sized({ status, headers, body });
}

function sized(response: HttpResponse): HttpResponse {
  return response.body.length > MAX_RESPONSE_BYTES ? internalError() : response;
}
