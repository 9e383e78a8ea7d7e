import { createServer } from "node:http";
import { listenOnLoopback } from "../emulators/ports";
import { BodyTooLarge, readBody } from "../http/body";
import { verify, type Credentials } from "./signing";

/** Lambda's limit for a synchronous invocation's payload. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * The part of the Lambda API that invokers call: `POST /2015-03-31/functions/{name}/invocations`
 * (RequestResponse). cognito-local invokes user-pool triggers through it, exactly as Cognito
 * invokes them through Lambda. A failing function answers 200 with `X-Amz-Function-Error:
 * Unhandled` and Lambda's error document, as the real API does.
 *
 * Only requests signed (SigV4) with `credentials`, the runtime's own for this run, are served;
 * any other gets Lambda's 403 and no function runs (./signing.ts).
 */
export interface LambdaApi {
  endpoint: string;
  close(): Promise<void>;
}

export async function startLambdaApi(
  port: number,
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  credentials: Credentials,
  log: (line: string) => void = () => undefined,
): Promise<LambdaApi> {
  const server = createServer(async (request, response) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url?.split("?")[0] ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
      return;
    }
    const functionName = decodeURIComponent(match[1]!);
    let body: Buffer;
    try {
      body = await readBody(request, MAX_PAYLOAD_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      response
        .writeHead(413, { "content-type": "application/json" })
        .end(JSON.stringify({ Type: "User", message: `Request must be smaller than ${MAX_PAYLOAD_BYTES} bytes for the InvokeFunction operation` }));
      return;
    }
    const refusal = await verify({ method: request.method, url: request.url ?? "/", headers: request.headers, body }, credentials);
    if (refusal) {
      log(`refused an invocation of ${functionName}: ${refusal}`);
      response
        .writeHead(403, { "content-type": "application/json", "x-amzn-errortype": "UnrecognizedClientException" })
        .end(JSON.stringify({ message: `The security token included in the request is invalid: ${refusal}.` }));
      return;
    }
    const payload = body.toString() || "{}";
    try {
      const result = await invoke(functionName, JSON.parse(payload));
      response.writeHead(200, { "content-type": "application/json", "x-amz-executed-version": "$LATEST" }).end(JSON.stringify(result ?? null));
    } catch (error) {
      log(`${functionName} failed: ${(error as Error).stack ?? error}`);
      response
        .writeHead(200, { "content-type": "application/json", "x-amz-function-error": "Unhandled" })
        .end(JSON.stringify({ errorType: (error as Error).name ?? "Error", errorMessage: (error as Error).message ?? String(error) }));
    }
  });
  const listening = await listenOnLoopback(server, port);
  return { endpoint: listening.url, close: listening.close };
}
