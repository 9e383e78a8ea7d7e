import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Unauthorized } from "./authorizer";
import { buildEvent, decodePath, MalformedPath, newRequestId, type JwtAuthorizerContext } from "./event";
import { isPreflight, preflight, withCors, type CorsConfig } from "./cors";
import { LambdaAuthorizer } from "./lambda-authorizer";
import { gatewayMessage, internalError, toHttpResponse, type HttpResponse } from "./result";
import { Router } from "./router";
import { listenOnLoopback } from "../emulators/ports";
import { BodyTooLarge, readBody } from "../http/body";

/** HTTP API's hard limit on request payloads. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface GatewayRoute {
  routeKey: string;
  functionName: string;
  authorizer: "none" | "jwt" | LambdaAuthorizer;
}

export interface GatewayOptions {
  port: number;
  routes: GatewayRoute[];
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  authorizeJwt: (authorization: string | undefined) => Promise<JwtAuthorizerContext>;
  cors?: CorsConfig;
  log?: (line: string) => void;
}

export interface Gateway {
  url: string;
  close(): Promise<void>;
}

/** A local API Gateway HTTP API (payload format 2.0) in front of the project's functions. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const router = new Router<GatewayRoute>();
  for (const route of options.routes) router.add(route.routeKey, route);
  const log = options.log ?? (() => undefined);

  const server: Server = createServer((request, response) => {
    const started = performance.now();
    const requestId = newRequestId();
    const answer = options.cors && isPreflight(request) ? Promise.resolve(preflight(options.cors, request)) : handle(request, requestId);
    answer
      .catch((error) => {
        log(`gateway fault: ${(error as Error).stack ?? error}`);
        return internalError();
      })
      .then((raw) => options.cors && !isPreflight(request) ? withCors(options.cors, request, raw) : raw)
      .then((result) => {
        send(response, result, requestId);
        log(`${request.method} ${request.url} → ${result.status} (${Math.round(performance.now() - started)} ms)`);
      });
  });

  async function handle(request: IncomingMessage, requestId: string): Promise<HttpResponse> {
    let body: Buffer;
    try {
      body = await readBody(request, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) return gatewayMessage(413, "Request Entity Too Large");
      throw error;
    }
    let path: string;
    try {
      path = decodePath((request.url ?? "/").split("?")[0]!);
    } catch (error) {
      if (error instanceof MalformedPath) return gatewayMessage(400, "Bad Request");
      throw error;
    }
    const match = router.match(request.method ?? "GET", path);
    if (!match) return gatewayMessage(404, "Not Found");

    const event = buildEvent({ request, body, match, requestId });
    const route = match.target;
    if (route.authorizer === "jwt") {
      try {
        event.requestContext.authorizer = await options.authorizeJwt(request.headers.authorization);
      } catch (error) {
        if (!(error instanceof Unauthorized)) throw error;
        const refused = gatewayMessage(401, "Unauthorized");
        refused.headers["www-authenticate"] = `Bearer error="invalid_token"`;
        return refused;
      }
    } else if (route.authorizer instanceof LambdaAuthorizer) {
      const outcome = await route.authorizer.authorize(event);
      if (outcome.status !== "authorized") {
        return { unauthorized: () => gatewayMessage(401, "Unauthorized"), forbidden: () => gatewayMessage(403, "Forbidden"), error: internalError }[outcome.status]();
      }
      event.requestContext.authorizer = { lambda: outcome.context };
    }

    try {
      return toHttpResponse(await options.invoke(match.target.functionName, event));
    } catch (error) {
      // A handler that throws or times out is a Lambda function error: API Gateway says 500.
      log(`${match.target.functionName} failed: ${(error as Error).stack ?? error}`);
      return internalError();
    }
  }

  return listenOnLoopback(server, options.port);
}

function send(response: ServerResponse, result: HttpResponse, requestId: string): void {
  if (response.headersSent) return;
  response.statusCode = result.status;
  for (const [name, value] of Object.entries(result.headers)) response.setHeader(name, value);
  response.setHeader("apigw-requestid", requestId);
  response.setHeader("content-length", result.body.length);
  response.end(result.body);
}
