import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";

/**
 * API Gateway's Lambda authorizer for HTTP APIs (payload 2.0, simple responses), emulated:
 * - every identity source must be present and non-empty, or the request is refused with 401
 *   before the authorizer runs;
 * - answers are cached per identity-source values for the authorizer's TTL, across routes;
 * - `isAuthorized: false` is a 403; a failing authorizer is a 500;
 * - the route's event carries the answer's `context` as `requestContext.authorizer.lambda`.
 */
export interface LambdaAuthorizerConfig {
  functionName: string;
  /** `$request.header.<name>` or `$request.querystring.<name>` selection expressions. */
  identitySource: string[];
  resultsTtlSeconds: number;
}

export type LambdaAuthorizerOutcome =
  | { status: "authorized"; context: Record<string, unknown>; cached: boolean }
  | { status: "unauthorized" | "forbidden" | "error" };

interface CachedAnswer {
  isAuthorized: boolean;
  context: Record<string, unknown>;
  expiresAt: number;
}

export class LambdaAuthorizer {
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

    let answer: unknown;
    try {
      this.invocations++;
      answer = await this.invoke(this.config.functionName, authorizerEvent(routeEvent, identity as string[]));
    } catch {
      return { status: "error" };
    }
    if (typeof answer !== "object" || answer === null || typeof (answer as { isAuthorized?: unknown }).isAuthorized !== "boolean") {
      return { status: "error" };
    }
    const { isAuthorized, context } = answer as { isAuthorized: boolean; context?: Record<string, unknown> };
    const entry: CachedAnswer = { isAuthorized, context: context ?? {}, expiresAt: this.now() + this.config.resultsTtlSeconds * 1000 };
    if (this.config.resultsTtlSeconds > 0) this.cache.set(cacheKey, entry);
    return outcome(entry, false);
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

/** The authorizer's payload 2.0 event: the route's request plus `type`, `routeArn`, `identitySource`. */
function authorizerEvent(route: APIGatewayProxyEventV2, identity: string[]): APIGatewayRequestAuthorizerEventV2 {
  const { requestContext } = route;
  const [method, ...path] = route.routeKey.split(" ");
  return {
    version: "2.0",
    type: "REQUEST",
    routeArn: `arn:aws:execute-api:us-east-1:${requestContext.accountId}:${requestContext.apiId}/${requestContext.stage}/${method}${path.join(" ")}`,
    identitySource: identity,
    routeKey: route.routeKey,
    rawPath: route.rawPath,
    rawQueryString: route.rawQueryString,
    cookies: route.cookies ?? [],
    headers: route.headers,
    queryStringParameters: route.queryStringParameters ?? {},
    requestContext: requestContext as APIGatewayRequestAuthorizerEventV2["requestContext"],
    pathParameters: route.pathParameters ?? {},
    stageVariables: {},
  };
}
