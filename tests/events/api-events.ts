import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from "aws-lambda";

/**
 * Payload format 2.0 events written by hand after AWS's documentation of what an HTTP API
 * sends to a Lambda integration, JWT authorizer included: every claim a string, arrays as
 * `[a b]`, numbers printed.
 */
export function apiEvent(
  routeKey: string,
  options: {
    path: string;
    pathParameters?: Record<string, string>;
    queryStringParameters?: Record<string, string>;
    body?: unknown;
    claims?: Record<string, string>;
  },
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method] = routeKey.split(" ") as [string];
  const rawQueryString = new URLSearchParams(options.queryStringParameters ?? {}).toString();
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return {
    version: "2.0",
    routeKey,
    rawPath: options.path,
    rawQueryString,
    headers: {
      accept: "application/json",
      "content-length": String(body?.length ?? 0),
      ...(body ? { "content-type": "application/json" } : {}),
      host: "abc123def4.execute-api.eu-west-1.amazonaws.com",
      "user-agent": "curl/8.5.0",
      "x-amzn-trace-id": "Root=1-6745b2c1-3f0d3c6a5b6f4f1a2b3c4d5e",
      "x-forwarded-for": "203.0.113.7",
      "x-forwarded-port": "443",
      "x-forwarded-proto": "https",
      ...(options.claims ? { authorization: "Bearer eyJraWQiOi..." } : {}),
    },
    ...(options.queryStringParameters ? { queryStringParameters: options.queryStringParameters } : {}),
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123def4",
      ...(options.claims ? { authorizer: { principalId: "", integrationLatency: 0, jwt: { claims: options.claims, scopes: ["aws.cognito.signin.user.admin"] } } } : {}),
      domainName: "abc123def4.execute-api.eu-west-1.amazonaws.com",
      domainPrefix: "abc123def4",
      http: { method, path: options.path, protocol: "HTTP/1.1", sourceIp: "203.0.113.7", userAgent: "curl/8.5.0" },
      requestId: "C3uJ4i4SjoEEMqg=",
      routeKey,
      stage: "$default",
      time: "21/Nov/2026:10:15:42 +0000",
      timeEpoch: 1795256142000,
    },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Access-token claims as API Gateway's JWT authorizer passes them on. */
export function accessClaims(sub: string, username: string, groups: string[], clientId: string, issuer: string): Record<string, string> {
  return {
    auth_time: "1795255000",
    client_id: clientId,
    "cognito:groups": `[${groups.join(" ")}]`,
    event_id: "0c1f7a7e-5d1e-4a53-9f5e-2b8f4b4c1d2e",
    exp: "1795258600",
    iat: "1795255000",
    iss: issuer,
    jti: "5b0f2c9e-8a77-4d3c-b7a0-6f5e4d3c2b1a",
    origin_jti: "9e8d7c6b-5a49-3827-1605-f4e3d2c1b0a9",
    scope: "aws.cognito.signin.user.admin",
    sub,
    token_use: "access",
    username,
  };
}

export const context = { awsRequestId: "8f5e0a3c-1b2d-4e6f-9a8b-7c6d5e4f3a2b", functionName: "test" } as Context;
