import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

/**
 * The one response builder. Handlers return one of these; the route wrapper adds
 * `x-request-id` and the rate-limit headers to whatever they return. Cookies go in `cookies`
 * (see `withCookies`), never in `headers`.
 */
export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { statusCode, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

export const ok = (body: unknown) => json(200, body);

export const created = (body: unknown, location: string) => json(201, body, { location });

/** The request was taken; what follows happens out of band (an e-mail, a job). */
export const accepted = (body: unknown) => json(202, body);

export const noContent = (): ApiResponse => ({ statusCode: 204, headers: {} });

/**
 * Adds `Set-Cookie`s to a response. Payload 2.0 results carry them as a `cookies` array, and
 * API Gateway writes one `Set-Cookie` header for each; a `headers` entry could hold only one.
 */
export const withCookies = (response: ApiResponse, cookies: readonly string[]): ApiResponse => ({
  ...response,
  cookies: [...(response.cookies ?? []), ...cookies],
});
