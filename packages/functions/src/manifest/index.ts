/**
 * The app manifest: every API route, the function that serves it, who may call it and what it
 * links, plus the authorizers and user-pool triggers those routes rely on. Plain data with no
 * SST globals, read by `infra/*` to create the deployed resources and by `packages/local` to
 * serve the same topology offline. Adding a route is one entry here plus its handler.
 *
 * Split by what it describes: routes.ts (the HTTP API), pipeline.ts (topics, queues, streams,
 * buckets, consumers, schedules, uploads) and stages.ts (defaults, settings, CORS, per-stage
 * overrides); functions.ts holds what every function entry shares. Import from here.
 */
import { apiKeyAuthorizer, routeEntries, triggers } from "./routes";
import { consumers, schedules, uploads } from "./pipeline";
import type { FunctionSpec } from "./functions";

export type { FunctionSpec, Link } from "./functions";
export { handlerParts } from "./functions";
export * from "./routes";
export * from "./pipeline";
export * from "./stages";

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
