export { route } from "./route";
export { ApiRequest } from "./request";
export { MAX_BODY_BYTES, type RouteInput } from "./input";
export { json, ok, created, accepted, noContent, withCookies, type ApiResponse } from "./response";
export { problem, type Problem } from "./problem";
export { logger } from "./logger";
export { versioned, expectedVersion, etagOf, catalogueCache, PUBLIC_CACHE, PRIVATE_CACHE } from "./versioning";
// `idempotentRoute` is imported from "./idempotency" by the routes that honour Idempotency-Key, so the others don't bundle Powertools idempotency.
export type { IdempotencyRunner } from "./idempotency";
