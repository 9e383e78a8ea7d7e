import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { LOCAL_REGION } from "../local-account";

/**
 * API Gateway's Lambda authorizer for HTTP APIs (payload 2.0, simple responses), emulated:
 * - every identity source must be present and non-empty, or the request is refused with 401
 *   before the authorizer runs;
 * - answers are cached per identity-source values for the authorizer's TTL, across routes;
 * - `isAuthorized: false` is a 403; a failing authorizer is a 500;
 * - the route's event carries the answer's `context` as `requestContext.authorizer.lambda`,
 *   or `null` when the answer has none.
 */
export interface LambdaAuthorizerConfig {
  functionName: string;
  /** `$request.header.<name>` or `$request.querystring.<name>` selection expressions. */
  identitySource: string[];
  resultsTtlSeconds: number;
  /** The region in the `routeArn` the authorizer sees. */
  region?: string;
  /** How many answers the cache holds at most; the oldest go first (default 10,000). */
  maxCachedAnswers?: number;
}

export type LambdaAuthorizerOutcome =
  | { status: "authorized"; context: Record<string, unknown> | null; cached: boolean }
  | { status: "unauthorized" | "forbidden" | "error" };

interface CachedAnswer {
  isAuthorized: boolean;
  context: Record<string, unknown> | null;
  expiresAt: number;
}

/**
 * A cache kept for a whole `bun dev` session sees every key a client ever sent (a fuzzer, a
 * script trying keys): expired answers are dropped and the count is capped, so it cannot grow
 * the stack's process for as long as it runs.
 */
const MAX_CACHED_ANSWERS = 10_000;

export class LambdaAuthorizer {
  /** Insertion order is expiry order (one TTL for all), so the oldest answers are first. */
  private readonly cache = new Map<string, CachedAnswer>();
  /** How many times the authorizer function actually ran; tests and benchmarks read it. */
  invocations = 0;

  constructor(
    private readonly config: LambdaAuthorizerConfig,
    private readonly invoke: (functionName: string, event: unknown) => Promise<unknown>,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(routeEvent: APIGatewayProxyEventV2): Promise<LambdaAuthorizerOutcome> {
    const identity = this.config.identitySource.map((source) => select(source, routeEvent));
    if (identity.some((value) => value === undefined || value === "")) return { status: "unauthorized" };
    const cacheKey = JSON.stringify(identity);
    const cached = this.cache.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return outcome(cached, true);
    if (cached) this.cache.delete(cacheKey);

    let answer: unknown;
    try {
      this.invocations++;
      answer = await this.invoke(this.config.functionName, authorizerEvent(routeEvent, identity as string[], this.config.region ?? LOCAL_REGION));
    } catch {
      return { status: "error" };
    }
    if (typeof answer !== "object" || answer === null || typeof (answer as { isAuthorized?: unknown }).isAuthorized !== "boolean") {
      return { status: "error" };
    }
    const { isAuthorized, context } = answer as { isAuthorized: boolean; context?: Record<string, unknown> };
    const entry: CachedAnswer = { isAuthorized, context: context ?? null, expiresAt: this.now() + this.config.resultsTtlSeconds * 1000 };
    if (this.config.resultsTtlSeconds > 0) this.remember(cacheKey, entry);
    return outcome(entry, false);
  }

  /** How many answers are cached now (tests read it). */
  get cachedAnswers(): number {
    return this.cache.size;
  }

  private remember(cacheKey: string, entry: CachedAnswer): void {
    // Deleted first so a refreshed answer moves to the end, keeping the order by expiry.
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, entry);
    const now = this.now();
    for (const [key, answer] of this.cache) {
      if (answer.expiresAt > now) break;
      this.cache.delete(key);
    }
    const max = this.config.maxCachedAnswers ?? MAX_CACHED_ANSWERS;
    for (const key of this.cache.keys()) {
      if (this.cache.size <= max) break;
      this.cache.delete(key);
    }
  }
}

function outcome(answer: CachedAnswer, cached: boolean): LambdaAuthorizerOutcome {
  return answer.isAuthorized ? { status: "authorized", context: answer.context, cached } : { status: "forbidden" };
}

function select(source: string, event: APIGatewayProxyEventV2): string | undefined {
  const header = /^\$request\.header\.(.+)$/.exec(source);
  if (header) return event.headers[header[1]!.toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/.exec(source);
  if (query) return event.queryStringParameters?.[query[1]!];
  throw new Error(`identity source ${source} is not supported offline`);
}

/**
 * The authorizer's payload 2.0 event: the route's request plus `type`, `routeArn`, `identitySource`.
 * Like AWS's, it leaves out collections the request does not have rather than sending them empty.
 */
export function authorizerEvent(route: APIGatewayProxyEventV2, identity: string[], region: string): APIGatewayRequestAuthorizerEventV2 {
  const { requestContext } = route;
  // `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<request path>`
  const routeArn = `arn:aws:execute-api:${region}:${requestContext.accountId}:${requestContext.apiId}/${requestContext.stage}/${requestContext.http.method}${route.rawPath}`;
  const nonEmpty = <T extends object>(value: T | undefined) => (value && Object.keys(value).length > 0 ? value : undefined);
  const cookies = nonEmpty(route.cookies);
  const queryStringParameters = nonEmpty(route.queryStringParameters);
  const pathParameters = nonEmpty(route.pathParameters);
  const stageVariables = nonEmpty(route.stageVariables);
  return {
    version: "2.0",
    type: "REQUEST",
    routeArn,
    identitySource: identity,
    routeKey: route.routeKey,
    rawPath: route.rawPath,
    rawQueryString: route.rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers: route.headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: requestContext as APIGatewayRequestAuthorizerEventV2["requestContext"],
    ...(pathParameters ? { pathParameters } : {}),
    ...(stageVariables ? { stageVariables } : {}),
  } as APIGatewayRequestAuthorizerEventV2;
}
