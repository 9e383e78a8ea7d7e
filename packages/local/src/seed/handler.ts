/**
 * The seed, run by the offline stack as one of its functions: in an execution environment of
 * its own, with the stack's resources in its environment like any function's, it writes the
 * catalogue and the development users' profiles through the same core services the API uses.
 */
import * as Products from "@emporium/core/products";
import * as Users from "@emporium/core/users";
import { catalogue } from "./catalogue";
import type { SeedEvent } from "./index";

export async function handler(event: SeedEvent): Promise<{ products: number; profiles: number }> {
  const [products] = await Promise.all([
    seedCatalogue(),
    ...event.profiles.map((profile) =>
      Users.ensure({ userId: profile.userId, username: profile.email, role: profile.role }, { email: profile.email, name: profile.name }),
    ),
  ]);
  return { products, profiles: event.profiles.length };
}

/** The catalogue, when the table has none yet (a persisted `bun dev` keeps its own). */
async function seedCatalogue(): Promise<number> {
  const existing = await Products.list(1);
  if (existing.items.length > 0) return 0;
  // Each create takes its id before its first await, so ids (the listing order) follow the
  // catalogue's order although the writes run at once.
  await Promise.all(catalogue.map((product) => Products.create(product)));
  return catalogue.length;
}
