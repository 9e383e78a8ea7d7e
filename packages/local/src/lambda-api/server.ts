import { createServer } from "node:http";
import { listenOnLoopback } from "../emulators/ports";

/**
 * The part of the Lambda API that invokers call: `POST /2015-03-31/functions/{name}/invocations`
 * (RequestResponse). cognito-local invokes user-pool triggers through it, exactly as Cognito
 * invokes them through Lambda. A failing function answers 200 with `X-Amz-Function-Error:
 * Unhandled` and Lambda's error document, as the real API does.
 */
export interface LambdaApi {
  endpoint: string;
  close(): Promise<void>;
}

export async function startLambdaApi(
  port: number,
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  log: (line: string) => void = () => undefined,
): Promise<LambdaApi> {
  const server = createServer(async (request, response) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url?.split("?")[0] ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "Not Found" }));
      return;
    }
    const functionName = decodeURIComponent(match[1]!);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const payload = Buffer.concat(chunks).toString() || "{}";
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
