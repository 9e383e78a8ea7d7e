import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RouteContract } from "../manifest";
import { callerFor, type ApiKeyContext, type Caller, type Claims } from "./caller";
import { clientAddress } from "./client-address";

/** A payload 2.0 event, whichever authorizer (JWT, Lambda, none) the route has. */
export type ApiEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & {
    authorizer?: { jwt?: { claims: Claims; scopes: string[] | null }; lambda?: Partial<ApiKeyContext> | null };
  };
};

/**
 * A payload 2.0 event and who sent it. Its path, query and body reach a handler parsed, by the
 * route's contract (./input.ts); headers and cookies are read here.
 */
export class ApiRequest {
  readonly caller: Caller;
  /** The client's address, as the per-address limits count it (./client-address.ts). */
  readonly clientIp: string;
  /** The `RateLimit-*` headers of the limit that decided this request (the route wrapper adds them). */
  rateLimit: Record<string, string> = {};

  constructor(
    readonly event: ApiEvent,
    route: Pick<RouteContract, "auth" | "scope">,
  ) {
    this.clientIp = clientAddress(event);
    this.caller = callerFor(route, {
      jwtClaims: event.requestContext.authorizer?.jwt?.claims,
      lambdaContext: event.requestContext.authorizer?.lambda ?? undefined,
      sourceIp: this.clientIp,
    });
  }

  header(name: string): string | undefined {
    return this.event.headers?.[name.toLowerCase()];
  }

  /** A cookie's value. Payload 2.0 takes the `Cookie` header apart into `cookies` ("name=value" each). */
  cookie(name: string): string | undefined {
    for (const pair of this.event.cookies ?? []) {
      const separator = pair.indexOf("=");
      if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
    }
    return undefined;
  }
}
