/**
 * The app manifest: every API route's contract (the function that serves it, who may call it,
 * what it links, what it takes and answers), plus the authorizers and user-pool triggers those
 * routes rely on. Data and valibot schemas with no SST globals, read by `infra/*` to create the
 * deployed resources and by `packages/local` to serve the same topology offline. Adding a route
 * is a contract in contracts.ts, listed in routes.ts, plus its handler.
 *
 * Split by what it describes: contracts.ts (one per route; route-contract.ts says what a
 * contract holds), routes.ts (the HTTP API as a whole), pipeline.ts (topics, queues, streams,
 * buckets, consumers, schedules, uploads) and stages.ts (defaults, settings, CORS, per-stage
 * overrides); functions.ts holds what every function entry shares. Import from here, except a
 * handler's own contract: `import * as contracts from "../manifest/contracts"`, so its bundle
 * carries that contract alone.
 */
import { apiKeyAuthorizer, routeEntries, triggers } from "./routes";
import { consumers, schedules, uploads } from "./pipeline";
import type { FunctionSpec } from "./functions";

export type { FunctionSpec, Link } from "./functions";
export { handlerParts } from "./functions";
export * from "./route-contract";
export * from "./routes";
export * from "./pipeline";
export * from "./stages";
export * from "./edge";

/** Every function of the app, for whatever builds or runs them all. */
export function functionSpecs(): FunctionSpec[] {
  return [
    ...routeEntries().map(([, spec]) => spec),
    apiKeyAuthorizer,
    ...Object.values(triggers),
    ...Object.values(consumers),
    uploads.processor,
    ...Object.values(schedules),
  ];
}
