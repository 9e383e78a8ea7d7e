export { route } from "./route";
export { Request, MAX_BODY_BYTES } from "./request";
export { json, ok, created, accepted, noContent, withCookies, type Response } from "./response";
export { problem, type Problem } from "./problem";
export { logger } from "./logger";
export { versioned, expectedVersion, etagOf, catalogueCache, PUBLIC_CACHE, PRIVATE_CACHE } from "./versioning";
// `idempotent` is imported from "./idempotency" by the routes that use it, so the others don't bundle Powertools idempotency.
export type { IdempotencyRunner } from "./idempotency";
