/**
 * The seed as a process of its own, run by bun from source (nothing to build). The stack starts
 * it with the emulators, so it has loaded the SDK by the time the table exists. It then reads one
 * line on stdin: the environment a function linking every resource gets, and the seed event. It
 * applies that environment to its own process (this process is the seed's alone), seeds through
 * core, prints its result as one line and exits.
 */
import { createInterface } from "node:readline";
import type { SeedRequest } from "./index";

// Loading the SDK reads no configuration: done while the emulators start.
await Promise.all([import("@aws-sdk/client-dynamodb"), import("@aws-sdk/lib-dynamodb")]);

const lines = createInterface({ input: process.stdin });
const request = await new Promise<SeedRequest>((resolve, reject) => {
  lines.once("line", (line) => resolve(JSON.parse(line) as SeedRequest));
  lines.once("close", () => reject(new Error("the stack closed the seed's input before sending its request")));
});
lines.close();
Object.assign(process.env, request.environment);
// Core reads its configuration (resources, endpoints) from the environment: imported after it is set.
const { handler } = await import("./handler");
process.stdout.write(`${JSON.stringify(await handler(request.event))}\n`);
