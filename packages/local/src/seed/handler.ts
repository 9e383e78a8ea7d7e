/**
 * What the seed writes, through the same core services the API uses: the catalogue, and the
 * development users' profiles. Run by the seed process (./main.ts) with the table's environment.
 */
import * as Products from "@emporium/core/products";
import * as Users from "@emporium/core/users";
import { catalogue } from "./catalogue";
import type { SeedProfile } from "./index";

/**
 * The catalogue, when the table has none yet (a persisted `bun dev` keeps its own). A table
 * created by this start has none: not looking saves DynamoDB Local its first query, which took
 * 0.32–0.46 s of a first start (the whole catalogue then takes 0.37–0.41 s).
 */
export async function seedCatalogue({ emptyTable = false } = {}): Promise<number> {
  if (!emptyTable && (await Products.list(1)).items.length > 0) return 0;
  // Each create takes its id before its first await, so ids (the listing order) follow the
  // catalogue's order although the writes run at once.
  await Promise.all(catalogue.map((product) => Products.create(product)));
  return catalogue.length;
}

/** A profile for each development user the pool holds (one that exists is kept). */
export async function seedProfiles(profiles: SeedProfile[]): Promise<number> {
  await Promise.all(
    profiles.map((profile) =>
      Users.ensure({ userId: profile.userId, username: profile.email, role: profile.role }, { email: profile.email, name: profile.name }),
    ),
  );
  return profiles.length;
}
