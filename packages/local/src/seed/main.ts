/**
 * The seed as a process of its own, run by bun from source (nothing to build). The stack starts
 * it with the emulators, so its code has loaded by the time the table exists. It reads two
 * lines on stdin (`SeedMessages`): first its environment (the table's: ../stack/environment.ts
 * `seedEnvironment`), on which it writes the catalogue at once; then the development users' profiles, once the user
 * pool has them, which it writes while the catalogue may still be going in. It answers each with
 * one `seeded` line and exits.
 */
import { createInterface } from "node:readline";
// Core reads its configuration (resources, endpoints) on first use, not on import: it loads
// before that configuration arrives.
import { seedCatalogue, seedProfiles } from "./handler";
import { SEEDED, type SeedMessages } from "./index";

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
async function next<K extends keyof SeedMessages>(key: K): Promise<SeedMessages[K]> {
  const { value, done } = await lines.next();
  if (done) throw new Error(`the stack closed the seed's input before sending its ${key}`);
  return JSON.parse(value as string) as SeedMessages[K];
}

const table = await next("table");
// This process is the seed's alone: the environment it is sent is its own.
Object.assign(process.env, table.environment);
const answer = (written: Partial<Record<"products" | "profiles", number>>) => process.stdout.write(`${SEEDED}${JSON.stringify(written)}\n`);
// The profiles go in beside the catalogue, as soon as they arrive: neither needs the other.
await Promise.all([
  seedCatalogue(table.catalogue).then((products) => answer({ products })),
  next("profiles").then(({ profiles }) => seedProfiles(profiles)).then((profiles) => answer({ profiles })),
]);
process.exit(0);
