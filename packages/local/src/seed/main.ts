/**
 * The seed as a process of its own, run by bun from source (nothing to build). The stack starts
 * it with the emulators, so its code has loaded by the time the table exists. It then reads one
 * line on stdin: the environment a function linking every resource gets, and the seed event. It
 * applies that environment to its own process (this process is the seed's alone), seeds through
 * core, prints its result as one line and exits.
 */
import { createInterface } from "node:readline";
// Core reads its configuration (resources, endpoints) on first use, not on import: it loads
// before that configuration arrives.
import { handler } from "./handler";
import type { SeedRequest } from "./index";

const lines = createInterface({ input: process.stdin });
const request = await new Promise<SeedRequest>((resolve, reject) => {
  lines.once("line", (line) => resolve(JSON.parse(line) as SeedRequest));
  lines.once("close", () => reject(new Error("the stack closed the seed's input before sending its request")));
});
lines.close();
Object.assign(process.env, request.environment);
process.stdout.write(`${JSON.stringify(await handler(request.event))}\n`);
