export { route } from "./route";
export { Request, MAX_BODY_BYTES } from "./request";
export { json, ok, created, accepted, noContent, type Response } from "./response";
export { problem, HttpError, type Problem } from "./problem";
export { logger } from "./logger";
export { versioned, expectedVersion, etagOf, PUBLIC_CACHE, PRIVATE_CACHE } from "./versioning";
