import { inject } from "vitest";

// Test files that call core services or handlers directly see the same environment as the
// functions behind the local gateway.
Object.assign(process.env, inject("stack").environment);
