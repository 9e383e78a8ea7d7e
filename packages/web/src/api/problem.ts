import type { GatewayMessage, Problem } from "./types";

/**
 * A refused or failed API call, carrying what the page shows: the problem's human message, its
 * field errors (`errors[]`, by path) and, for 429 and 409-in-progress, when to try again.
 */
export class ApiError extends Error {
  readonly fields: Record<string, string>;

  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly retryAfterSeconds: number | null,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.fields = Object.fromEntries((problem?.errors ?? []).map((issue) => [issue.path, issue.message]));
  }
}

const isProblem = (body: unknown): body is Problem =>
  typeof body === "object" && body !== null && "detail" in body && typeof (body as Problem).detail === "string";
const isGatewayMessage = (body: unknown): body is GatewayMessage =>
  typeof body === "object" && body !== null && "message" in body && typeof (body as GatewayMessage).message === "string";

const fallback: Record<number, string> = {
  401: "Please log in again.",
  403: "You are not allowed to do that.",
  404: "We could not find that.",
  429: "Too many requests.",
};

export function apiError(body: unknown, response: Response): ApiError {
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null;
  const problem = isProblem(body) ? body : null;
  const detail = problem?.detail ?? (isGatewayMessage(body) ? body.message : fallback[response.status] ?? "Something went wrong on our side. Please try again.");
  const message = retryAfterSeconds !== null && response.status === 429 ? `${detail} Try again in ${retryAfterSeconds} s.` : detail;
  return new ApiError(response.status, problem, retryAfterSeconds, message);
}

/** The body of a successful call, or an ApiError with the problem's message. */
export function unwrap<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (!result.response.ok) throw apiError(result.error, result.response);
  return result.data as Data;
}

/** What a person should read for any failure, API or network. */
export function humanMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "We could not reach Emporium. Check your connection and try again.";
  return "Something went wrong. Please try again.";
}
