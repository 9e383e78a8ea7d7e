/** What every function of the manifest is described by, whatever invokes it. */
import type { QueueName } from "./pipeline";
import type { Setting } from "./stages";

/** Linkable resources, by the names `infra/*` gives them and handlers read through `Resource`. */
export type Link =
  | "Table"
  | "Idempotency"
  | "CursorSecret"
  | "ApiKeyPepper"
  | "EdgeSecret"
  | "UserPool"
  | "UserPoolClient"
  | "OrderEvents"
  | "Analytics"
  | "Exports"
  | "Uploads"
  | "Email"
  | QueueName;

export interface FunctionSpec {
  /** Function name: unique, PascalCase; it becomes the Lambda's logical name. */
  name: string;
  /** `<file path from the repository root without extension>.<export>`, as SST expects. */
  handler: string;
  links: readonly Link[];
  settings?: readonly Setting[];
  memory?: `${number} MB`;
  timeout?: `${number} seconds`;
}

/** A handler in this package, `<path>` under src/, exporting `handler`. */
export const fn = (path: string) => `packages/functions/src/${path}.handler`;

/** A handler string's two parts: `packages/functions/src/orders/place.handler` → that file (no extension) and `handler`. */
export function handlerParts(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0 || dot === handler.length - 1) throw new Error(`"${handler}" is not <file>.<export>`);
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
