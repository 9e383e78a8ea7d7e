import { readFileSync } from "node:fs";
import { inject } from "vitest";
import type { ApiResponse } from "./http";
import { waitFor } from "./wait";

/**
 * What the stack logged during this run (tests/setup/global.ts writes it to one file), read
 * back as evidence. A function's output reaches the file a little after its answer reaches the
 * caller, so a test that looks for the absence of something first waits for a line that proves
 * the thing it looks at has run and been logged.
 */
export function stackLog(): string[] {
  return readFileSync(inject("stack").logFile, "utf8").split("\n");
}

/** The structured (JSON) lines function `fn` logged, in the order it wrote them. */
export function functionLines(fn: string): Record<string, any>[] {
  const prefix = `[fn:${fn}] {`;
  return stackLog()
    .filter((line) => line.startsWith(prefix))
    .map((line) => JSON.parse(line.slice(prefix.length - 1)) as Record<string, any>);
}

const requestIdOf = (response: ApiResponse) => {
  const id = response.headers.get("x-request-id");
  if (!id) throw new Error(`a ${response.status} response without x-request-id: ${response.text}`);
  return id;
};

/**
 * Waits for the "request completed" line of each response's own request (packages/functions/
 * src/http/route.ts writes it last, after everything else the request logged; a worker's
 * stdout and stderr reach the host in the order they were written) and returns those lines.
 */
export async function requestsLogged(fn: string, ...responses: ApiResponse[]): Promise<Record<string, any>[]> {
  const ids = responses.map(requestIdOf);
  return waitFor(`${fn} to log the end of request(s) ${ids.join(", ")}`, async () => {
    const completed = functionLines(fn).filter((line) => line.message === "request completed" && ids.includes(line.requestId));
    return completed.length === ids.length ? ids.map((id) => completed.find((line) => line.requestId === id)!) : undefined;
  });
}

/** Like `requestsLogged`, for requests answered by different functions: waits for each one's line in any function's output. */
export async function allRequestsLogged(responses: ApiResponse[]): Promise<void> {
  const ids = responses.map(requestIdOf);
  await waitFor(`every request to be logged as completed (${ids.length})`, async () => {
    const completed = new Set(
      stackLog()
        .filter((line) => line.startsWith("[fn:") && line.includes('"message":"request completed"'))
        .map((line) => (JSON.parse(line.slice(line.indexOf("{"))) as { requestId?: string }).requestId),
    );
    const missing = ids.filter((id) => !completed.has(id));
    if (missing.length > 0) throw new Error(`not yet logged: ${missing.join(", ")}`);
    return true;
  });
}
