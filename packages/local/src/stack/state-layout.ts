import { join } from "node:path";

/**
 * Where a persisted stack (`bun dev`) keeps each emulator's data under its state folder. Light on
 * purpose: `bun dev` reads it before the rest of the runtime has loaded.
 */
export const emulatorDataDir = (stateDir: string, emulator: "dynamodb" | "kinesis") => join(stateDir, "data", emulator);
